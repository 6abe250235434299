import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import type pg from 'pg';
import { auth, createTestWorld, type TestWorld } from './support/test-app.js';
import { sqlClient } from './support/fixtures.js';
import { ReviewService } from '../libs/application/review/review.service.js';
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
});
