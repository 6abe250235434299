import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { auth, createTestWorld, type TestWorld } from './support/test-app.js';
import { sqlClient } from './support/fixtures.js';

/**
 * Conventions §1 and §6 on real PostgreSQL: money is numeric(20,2) and travels as exact decimal strings
 * (beyond 2^53 and up to 18 integer digits), business dates are 'YYYY-MM-DD' whatever the time zone.
 */

/**
 * Jest gives each test file a copy of process.env, so assigning TZ there changes nothing. The worker's real
 * process object (the main context's global, reached through node:vm) resets the time zone of the whole worker,
 * the app included; every test below checks that the change took effect.
 */
const realProcess = vm.runInThisContext('process') as NodeJS.Process;
const setTimeZone = (tz: string | undefined) => {
  if (tz === undefined) delete realProcess.env.TZ;
  else realProcess.env.TZ = tz;
};

let w: TestWorld;
let c: pg.Client;
let fofId: string;
let subFundId: string;

const h = () => auth(w.managerA);
const postFlow = (amount: string, flowDate = '2024-07-01') =>
  w.http.post(`/fofs/${fofId}/flows`).set(h()).send({ subFundId, flowType: 'CONTRIBUTION', flowDate, amount });
const getFlow = async (id: string) => (await w.http.get(`/fofs/${fofId}/flows/${id}`).set(h()).expect(200)).body;
const sqlText = async (table: string, column: string, id: string) =>
  (await c.query(`SELECT ${column}::text AS v FROM ${table} WHERE id = $1`, [id])).rows[0].v as string;

beforeAll(async () => {
  w = await createTestWorld();
  c = await sqlClient(w);
  fofId = (await w.http.post('/fofs').set(h()).send({ code: 'REPO', name: '精度测试母基金', jurisdiction: 'WUHAN' }).expect(201)).body.id;
  subFundId = (
    await w.http
      .post(`/fofs/${fofId}/sub-funds`)
      .set(h())
      .send({ code: 'REPO-1', name: '子基金', category: 'INDUSTRY', manager: 'M', firstClose: '2024-02-29', termEnd: '2034-12-31' })
      .expect(201)
  ).body.id;
}, 60_000);
afterAll(async () => {
  await c?.end();
  await w?.close();
});

describe('money: numeric(20,2), exact through the API and SQL', () => {
  for (const amount of ['99999999999999999.99', '9007199254740993.01', '999999999999999999.99', '0.01', '12345.67']) {
    it(`${amount}: POST echoes it, GET returns it, SQL stores it, all exactly`, async () => {
      const res = await postFlow(amount);
      expect(res.status).toBe(201);
      expect(res.body.amount).toBe(amount);
      expect((await getFlow(res.body.id)).amount).toBe(amount);
      expect(await sqlText('position_flows', 'amount', res.body.id)).toBe(amount);
    });
  }

  it('the column is numeric(20,2) and sums exactly in SQL (no float on the way)', async () => {
    const col = await c.query(
      `SELECT data_type, numeric_precision, numeric_scale FROM information_schema.columns WHERE table_name = 'position_flows' AND column_name = 'amount'`,
    );
    expect(col.rows[0]).toEqual({ data_type: 'numeric', numeric_precision: 20, numeric_scale: 2 });
    const a = (await postFlow('9007199254740993.01').expect(201)).body.id;
    const b = (await postFlow('0.02').expect(201)).body.id;
    const sum = await c.query(`SELECT sum(amount)::text AS s FROM position_flows WHERE id = ANY($1::uuid[])`, [[a, b]]);
    expect(sum.rows[0].s).toBe('9007199254740993.03');
  });

  it('a value written with raw SQL comes back through the API unchanged', async () => {
    const r = await c.query(
      `INSERT INTO valuations (fof_id, recorded_by, sub_fund_id, valuation_date, nav) VALUES ($1, $2, $3, '2024-12-31', '9007199254740993.01') RETURNING id`,
      [fofId, w.managerA.id, subFundId],
    );
    const res = await w.http.get(`/fofs/${fofId}/valuations/${r.rows[0].id}`).set(h()).expect(200);
    expect(res.body.nav).toBe('9007199254740993.01');
    expect(res.body.valuationDate).toBe('2024-12-31');
  });

  it('every money field of a secondary purchase round-trips exactly', async () => {
    const body = {
      fundInterest: '某基金份额',
      seller: '某卖方',
      purchaseDate: '2025-03-31',
      commitmentTransferred: '99999999999999999.99',
      paidInTransferred: '9007199254740993.01',
      unfundedTransferred: '90992800745259006.98',
      referenceNav: '0.00',
      referenceNavDate: '2024-12-31',
      price: '0.01',
    };
    const res = await w.http.post(`/fofs/${fofId}/secondary-purchases`).set(h()).send(body).expect(201);
    const got = (await w.http.get(`/fofs/${fofId}/secondary-purchases/${res.body.id}`).set(h()).expect(200)).body;
    expect(got).toEqual(expect.objectContaining(body));
    expect(await sqlText('secondary_purchases', 'unfunded_transferred', res.body.id)).toBe('90992800745259006.98');
  });

  it('a direct investment commitment round-trips exactly', async () => {
    const res = await w.http
      .post(`/fofs/${fofId}/direct-investments`)
      .set(h())
      .send({ code: 'REPO-DI', projectName: '某项目', stage: 'MATURE', isTech: false, decisionDate: '2024-02-29', commitment: '99999999999999999.99' })
      .expect(201);
    expect(res.body.commitment).toBe('99999999999999999.99');
    const got = (await w.http.get(`/fofs/${fofId}/direct-investments/${res.body.id}`).set(h()).expect(200)).body;
    expect({ commitment: got.commitment, decisionDate: got.decisionDate }).toEqual({ commitment: '99999999999999999.99', decisionDate: '2024-02-29' });
  });

  it('position figures stay exact for flows beyond 2^53 fen (the review reads those amounts as exact numerics)', async () => {
    const id = (
      await w.http
        .post(`/fofs/${fofId}/sub-funds`)
        .set(h())
        .send({ code: 'REPO-HUGE', name: '巨额子基金', category: 'INDUSTRY', manager: 'M', firstClose: '2024-01-02', termEnd: '2034-12-31' })
        .expect(201)
    ).body.id;
    const flow = (flowType: string, flowDate: string, amount: string) =>
      w.http.post(`/fofs/${fofId}/flows`).set(h()).send({ subFundId: id, flowType, flowDate, amount, ...(flowType === 'DISTRIBUTION' ? { distributionKind: 'GAIN' } : {}) }).expect(201);
    await flow('CONTRIBUTION', '2024-01-02', '12345678901234567.89'); // 1.2·10^18 fen: far past 2^53
    await flow('CONTRIBUTION', '2024-01-02', '89999999999999.99');
    await flow('CONTRIBUTION', '2024-03-01', '90000000000000.00');
    await flow('CONTRIBUTION', '2024-03-01', '999999999999.99'); // the largest amount decoded as a float64 integer
    await flow('CONTRIBUTION', '2024-04-01', '1000000000000.00'); // the smallest decoded as a bigint
    await flow('DISTRIBUTION', '2024-06-30', '0.01');
    const r = (await w.http.get(`/fofs/${fofId}/positions?asOf=2024-12-31`).set(h()).expect(200)).body;
    const sf = r.subFunds.find((x: { id: string }) => x.id === id);
    // 12345678901234567.89 + 89999999999999.99 + 90000000000000.00 + 999999999999.99 + 1000000000000.00, added by hand
    expect(sf.figures.paidIn).toBe('12527678901234567.87');
    expect(sf.figures.distributed).toBe('0.01');
    // No valuation: the NAV is rolled forward from zero, paid-in minus distributed.
    expect(sf.figures.nav).toBe('12527678901234567.86');
  });

  it('19 integer digits do not fit numeric(20,2): 400 at amount, not a database error', async () => {
    const res = await postFlow('1000000000000000000.00');
    expect({ status: res.status, path: res.body.details?.[0]?.path }).toEqual({ status: 400, path: 'amount' });
  });

  for (const [input, shown] of [
    ['5', '5.00'],
    ['5.5', '5.50'],
    ['100.10', '100.10'],
  ] as const) {
    it(`"${input}" is money with two decimals on the way out: "${shown}" from POST and from GET`, async () => {
      const res = await postFlow(input);
      expect(res.status).toBe(201);
      expect({ post: res.body.amount, get: (await getFlow(res.body.id)).amount }).toEqual({ post: shown, get: shown });
    });
  }
});

describe('business dates stay YYYY-MM-DD whatever the time zone', () => {
  const zones = ['Pacific/Kiritimati', 'America/Los_Angeles', 'Pacific/Pago_Pago', 'Asia/Shanghai', 'UTC'];
  const dates = ['2024-02-29', '2024-12-31', '2025-01-01', '1999-12-31'];
  const original = realProcess.env.TZ;
  afterAll(() => {
    setTimeZone(original);
  });

  for (const tz of zones) {
    it(`process TZ=${tz}: dates posted come back as the same strings, in POST, GET, lists and SQL`, async () => {
      setTimeZone(tz);
      const offset = new Date(Date.UTC(2024, 0, 1)).getTimezoneOffset();
      expect(offset).toBe({ 'Pacific/Kiritimati': -840, 'America/Los_Angeles': 480, 'Pacific/Pago_Pago': 660, 'Asia/Shanghai': -480, UTC: 0 }[tz]);
      for (const d of dates) {
        const res = await postFlow('1.00', d);
        expect(res.status).toBe(201);
        expect(res.body.flowDate).toBe(d);
        expect((await getFlow(res.body.id)).flowDate).toBe(d);
        expect(await sqlText('position_flows', 'flow_date', res.body.id)).toBe(d);
        const listed = await w.http.get(`/fofs/${fofId}/flows?from=${d}&to=${d}&pageSize=500`).set(h()).expect(200);
        expect((listed.body.items as Array<{ id: string; flowDate: string }>).find((r) => r.id === res.body.id)?.flowDate).toBe(d);
      }
      const sf = (await w.http.get(`/fofs/${fofId}/sub-funds/${subFundId}`).set(h()).expect(200)).body;
      expect({ firstClose: sf.firstClose, termEnd: sf.termEnd }).toEqual({ firstClose: '2024-02-29', termEnd: '2034-12-31' });
    });
  }

  it('instants (recordedAt) are ISO 8601 in UTC and agree with the database to the millisecond', async () => {
    setTimeZone('Pacific/Kiritimati');
    const res = await postFlow('2.00', '2024-03-01');
    expect(res.body.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const db = await c.query(`SELECT to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS t FROM position_flows WHERE id = $1`, [res.body.id]);
    expect(res.body.recordedAt).toBe(db.rows[0].t);
  });
});

describe('binary COPY of numeric(20,2) amounts (the review reads flows this way)', () => {
  it('decodes every amount to exact fen, across chunk boundaries, up to 18 integer digits', async () => {
    const { copyOutBinary, numericFen } = await import('../libs/persistence/binary-copy.js');
    const samples = ['0.01', '0.10', '1.00', '12.34', '9999.99', '10000.00', '123456789.01', '999999999999.99', '1000000000000.00', '9007199254740993.07', '99999999999999999.99', '100000000000000000.00', '-42.50'];
    // 30,000 rows: the stream arrives in many chunks, so tuples straddle them.
    const got: string[] = [];
    const n = await copyOutBinary(
      c,
      `SELECT i, (ARRAY[${samples.map((s) => `'${s}'`).join(',')}]::numeric(20,2)[])[1 + i % ${samples.length}] FROM generate_series(0, 29999) AS i`,
      (b, at) => {
        const i = b.readInt32BE(at + 4);
        const fen = numericFen(b, at + 12);
        if (i < samples.length || i % 997 === 0) got.push(`${i}:${fen.toString()}`);
      },
    );
    expect(n).toBe(30000);
    const fenOf = (s: string) => {
      const neg = s.startsWith('-');
      const [int, frac] = s.replace('-', '').split('.');
      return `${neg ? '-' : ''}${BigInt(`${int}${frac}`).toString()}`;
    };
    const want = got.map((g) => Number(g.split(':')[0])).map((i) => `${i}:${fenOf(samples[i % samples.length]!)}`);
    expect(got).toEqual(want);
    expect(got.slice(0, 4)).toEqual(['0:1', '1:10', '2:100', '3:1234']);
  });
});

describe('the cash-flow stream of the workbook', () => {
  it('gives its connection up when the reader stops early, and the pool keeps serving', async () => {
    const { TransactionContext } = await import('../libs/persistence/transaction-context.js');
    const { positionFlowLines } = await import('../libs/persistence/repositories/position-series.repository.js');
    const tx = w.app.get(TransactionContext);
    const lines = positionFlowLines(tx, fofId, [subFundId], '2030-12-31');
    const first = await lines.next();
    expect(first.done).toBe(false);
    expect((first.value as Array<{ positionId: string }>)[0]!.positionId).toBe(subFundId);
    await lines.return(undefined);
    // More queries than the pool has connections: none may land on the abandoned COPY.
    const r = await Promise.all(Array.from({ length: 25 }, (_, i) => tx.dataSource.query('SELECT $1::int AS i', [i])));
    expect(r.map((x: Array<{ i: number }>) => x[0]!.i)).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });
});
