import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import type pg from 'pg';
import { auth, createTestWorld, type TestWorld } from './support/test-app.js';
import { sqlClient } from './support/fixtures.js';
import { generatePortfolio } from './bench/generate.js';
import { ReviewService } from '../libs/application/review/review.service.js';
import { ExportSlots } from '../libs/application/review/export-slots.js';
import { exportReviewWorkbook } from '../libs/application/review/review-export.js';
import { FundRepository } from '../libs/persistence/repositories/fund.repository.js';
import type { FofRecord } from '../libs/domain/ledger/records.js';

/*
 * A workbook's cash-flow sheet is read while the workbook is written, after the figures. A flow
 * recorded in between must not make the two disagree: the export reads one snapshot.
 * One VC fund: calls of 100.00 (2025-02-01) and 200.00 (2025-03-01), valued 250.00 on 2025-06-30.
 */
describe('a review and its workbook read one snapshot', () => {
  let w: TestWorld;
  let fofId: string;
  let subFundId: string;
  let fof: FofRecord;
  let db: pg.Client;
  const post = (path: string, body: object) => w.http.post(`/fofs/${fofId}/${path}`).set(auth(w.managerA)).send(body).expect(201);
  const call = (flowDate: string, amount: string) => post('flows', { subFundId, flowType: 'CONTRIBUTION', flowDate, amount });
  /**
   * A call recorded by another session, on a connection of its own (an HTTP request from this process
   * would run inside the test's snapshot context; a user's request does not).
   */
  const callElsewhere = (flowDate: string, amount: string) =>
    db.query(`INSERT INTO position_flows (fof_id, recorded_by, sub_fund_id, flow_type, flow_date, amount) VALUES ($1, $2, $3, 'CONTRIBUTION', $4, $5)`, [fofId, w.managerA.id, subFundId, flowDate, amount]);

  /** The workbook's bytes, from the export into memory. */
  async function exportTo(built: Awaited<ReturnType<ReviewService['build']>>): Promise<Buffer> {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await exportReviewWorkbook(built, out, { lang: 'zh' });
    out.end();
    return Buffer.concat(chunks);
  }

  beforeAll(async () => {
    w = await createTestWorld();
    fofId = (await w.http.post('/fofs').set(auth(w.managerA)).send({ code: 'SNAP', name: '快照测试', jurisdiction: 'WUHAN' }).expect(201)).body.id;
    subFundId = (await post('sub-funds', { code: 'VC1', name: '创投一号', category: 'VC', manager: 'M', firstClose: '2025-01-01', termEnd: '2035-01-01' })).body.id;
    await call('2025-02-01', '100.00');
    await call('2025-03-01', '200.00');
    await post('valuations', { subFundId, valuationDate: '2025-06-30', nav: '250.00' });
    fof = (await w.app.get(FundRepository).findFof(fofId))!;
    db = await sqlClient(w);
  });
  afterAll(async () => {
    await db.end();
    await w.close();
  });

  it('outside one snapshot, a flow recorded after the figures makes the cash-flow sheet disagree, and the export stops', async () => {
    const reviews = w.app.get(ReviewService);
    const built = await reviews.build(fof, { asOf: '2025-06-30' }, 'test');
    await callElsewhere('2025-04-01', '50.00');
    await expect(exportTo(built)).rejects.toThrow(/VC1 .* has more flows than positionFlowCounts says \(3\)/);
  });

  it('in one snapshot, the export completes with the figures as they were read, without the later flow', async () => {
    const reviews = w.app.get(ReviewService);
    // Now 100 + 200 + 50 paid in; a flow recorded between the figures and the sheet is not seen by either.
    const wb = new ExcelJS.Workbook();
    await reviews.inOneSnapshot(async () => {
      const built = await reviews.build(fof, { asOf: '2025-06-30' }, 'test');
      await callElsewhere('2025-05-01', '25.00');
      await wb.xlsx.load((await exportTo(built)) as unknown as ArrayBuffer);
      expect(built.model.positions[0]!.figures.paidIn).toBe('350.00');
    });
    const cf = wb.getWorksheet('现金流1')!;
    // The three calls the figures counted, then the NAV of 2025-06-30 (250.00); nothing after.
    expect([2, 3, 4, 5].map((r) => [cf.getCell(`D${r}`).value, cf.getCell(`F${r}`).value])).toEqual([
      ['出资', -100],
      ['出资', -200],
      ['出资', -50],
      ['期末净值', 250],
    ]);
    expect(cf.getCell('A6').value).toBeNull();
    // The next review sees the flow recorded meanwhile.
    expect((await reviews.build(fof, { asOf: '2025-06-30' }, 'test')).model.positions[0]!.figures.paidIn).toBe('375.00');
  });

  it('a client that goes away mid-download: the export ends, nothing is logged as an error, the next export works', async () => {
    // A FoF large enough that the workbook is still streaming its cash flows when the client leaves.
    const g = await generatePortfolio(db, { seed: 11, subFunds: 30, projectInvestments: 60, flowsAndValuations: 200_000 });
    const bigFof = (await db.query<{ id: string }>(`SELECT id FROM fofs WHERE code = $1`, [g.fofCode])).rows[0]!.id;
    const errors: string[] = [];
    w.app.useLogger({ log: () => undefined, warn: () => undefined, debug: () => undefined, verbose: () => undefined, error: (m: unknown) => errors.push(String(m)) });
    const server = w.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    const path = `/fofs/${bigFof}/review/workbook?asOf=2025-12-31`;
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path, headers: auth(w.reviewerA) }, (res) => {
        let received = 0;
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          // Gone while the cash-flow sheet streams (the workbook is about 8 MB; its first sheets are small).
          if (received > 2_000_000 && !req.destroyed) {
            req.destroy();
            resolve(res.statusCode!);
          }
        });
        res.on('end', () => reject(new Error(`the download ended (${received} bytes) before the client left`)));
      });
      req.on('error', () => undefined);
      req.on('timeout', reject);
    });
    expect(status).toBe(200);
    // The export notices and gives its slot back (after its transaction ended); the request is then done.
    const slots = w.app.get(ExportSlots);
    for (let i = 0; i < 100 && slots.load.active > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(slots.load.active).toBe(0);
    await new Promise((r) => setTimeout(r, 200));
    const open = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`);
    expect(open.rows[0]!.n).toBe(0);
    expect(errors).toEqual([]);
    const again = await w.http.get(path).set(auth(w.reviewerA)).buffer(true).parse((res, cb) => {
      let n = 0;
      res.on('data', (c: Buffer) => (n += c.length));
      res.on('end', () => cb(null, n));
    });
    expect(again.status).toBe(200);
    expect(again.body as number).toBeGreaterThan(100_000);
  });

  it('a review holding an amount no spreadsheet cell keeps to the fen: 409 naming it, before any download begins', async () => {
    // 12,345,678,901,234.56 yuan: the ledger keeps it (numeric(20,2)), a cell cannot to the fen (ADR-0004).
    const big = (await w.http.post('/fofs').set(auth(w.managerA)).send({ code: 'HUGE', name: '超大金额', jurisdiction: 'WUHAN' }).expect(201)).body.id;
    const sf = (await w.http.post(`/fofs/${big}/sub-funds`).set(auth(w.managerA)).send({ code: 'H1', name: '大额', category: 'VC', manager: 'M', firstClose: '2025-01-01', termEnd: '2035-01-01' }).expect(201)).body.id;
    await w.http.post(`/fofs/${big}/flows`).set(auth(w.managerA)).send({ subFundId: sf, flowType: 'CONTRIBUTION', flowDate: '2025-02-01', amount: '12345678901234.56' }).expect(201);
    const res = await w.http.get(`/fofs/${big}/review/workbook?asOf=2025-06-30`).set(auth(w.reviewerA));
    expect(res.status).toBe(409);
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(res.body).toMatchObject({ code: 'CONFLICT', details: expect.arrayContaining([{ path: 'portfolio.paidIn', reason: expect.stringContaining('12345678901234.56') }]) });
    // The JSON review has the amount.
    expect((await w.http.get(`/fofs/${big}/review?asOf=2025-06-30`).set(auth(w.reviewerA)).expect(200)).body.portfolio.paidIn).toBe('12345678901234.56');
    expect(w.app.get(ExportSlots).load.active).toBe(0);
  });
});
