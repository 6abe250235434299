import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { auth, createTestWorld, type TestWorld } from './support/test-app.js';

/*
 * Strict mode (§二(一)1 gov-share-cap). Each of two seed funds has 1,000,000.00 from a private LP; the
 * FoF may commit up to 1,000,000.00 to each (1,000,000 / 2,000,000 = 0.5). Twenty clients commit
 * 150,000.00 each, concurrently, alternating between the funds: six fit per fund (900,000 / 1,900,000
 * = 0.473684), a seventh would make 1,050,000 / 2,050,000 = 0.512195 > 0.5.
 *
 * The guard serializes writes per FoF. To see the race it prevents, run this file without it:
 *   STRICT_GUARD=off npm test -- --selectProjects integration -- test/strict-mode
 * and the "no cap breached" test fails (more commitments pass than fit).
 */
describe('strict mode refuses a write that would FAIL a check, also under concurrency', () => {
  let w: TestWorld;
  let fofId: string;
  const funds: string[] = [];
  let db: pg.Client;
  const m = () => auth(w.managerA);

  beforeAll(async () => {
    w = await createTestWorld();
    db = new pg.Client({ connectionString: w.databaseUrl });
    await db.connect();
    fofId = (await w.http.post('/fofs').set(m()).send({ code: 'STRICT', name: '严格模式', jurisdiction: 'WUHAN' }).expect(201)).body.id;
    for (const code of ['S1', 'S2']) {
      const id = (await w.http.post(`/fofs/${fofId}/sub-funds`).set(m()).send({ code, name: code, category: 'SEED', manager: 'M', firstClose: '2025-07-01', termEnd: '2035-06-30' }).expect(201)).body.id;
      await w.http
        .post(`/fofs/${fofId}/lp-commitments`)
        .set(m())
        .send({ subFundId: id, investorName: '社会资本', investorKind: 'PRIVATE', amount: '1000000.00', commitDate: '2025-07-01' })
        .expect(201);
      funds.push(id);
    }
    await w.http.patch(`/fofs/${fofId}/strict-mode`).set(m()).send({ strictMode: true }).expect(200);
  });
  afterAll(async () => {
    await db.end();
    await w.close();
  });

  const commit = (subFundId: string, amount: string) =>
    w.http.post(`/fofs/${fofId}/lp-commitments`).set(m()).send({ subFundId, investorName: '母基金', investorKind: 'FOF', amount, commitDate: '2025-08-01' });

  it('20 concurrent clients: no share cap is breached, and every refusal is a 409 naming gov-share-cap', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => commit(funds[i % 2]!, '150000.00')));
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.body.code).toBe('POLICY_VIOLATION');
      expect(r.body.details.failing.map((c: { ruleId: string }) => c.ruleId)).toContain('gov-share-cap');
    }
    const shares = await db.query(
      `SELECT sub_fund_id, sum(amount) FILTER (WHERE investor_kind = 'FOF') / sum(amount) AS share
         FROM lp_commitments WHERE fof_id = $1 AND reverses_id IS NULL GROUP BY sub_fund_id`,
      [fofId],
    );
    for (const row of shares.rows) expect(Number(row.share)).toBeLessThanOrEqual(0.5);
    // exactly six per fund get through
    expect(statuses.filter((s) => s === 201).length).toBe(12);
  });

  it('the exact headroom passes; one more fen is refused with the failing check, and writes nothing', async () => {
    // 900,000 + x ≤ 0.5 × (1,900,000 + x) → x ≤ 100,000.00
    await commit(funds[1]!, '100000.00').expect(201);
    const before = (await db.query('SELECT count(*)::int AS n FROM lp_commitments')).rows[0].n;
    const r = await commit(funds[0]!, '100000.01');
    expect(r.status).toBe(409);
    expect(r.body.details.failing[0]).toMatchObject({ ruleId: 'gov-share-cap', status: 'FAIL', clause: '§二(一)1' });
    expect((await db.query('SELECT count(*)::int AS n FROM lp_commitments')).rows[0].n).toBe(before);
  });

  it('an approved exception on record lets the write through (EXEMPT)', async () => {
    await w.http
      .post(`/fofs/${fofId}/exceptions`)
      .set(m())
      .send({ ruleId: 'gov-share-cap', subjectType: 'SUB_FUND', subjectId: funds[0], documentNo: '武财金〔2025〕99号', approver: '武汉市财政局', approvedOn: '2025-07-15' })
      .expect(201);
    await commit(funds[0]!, '100000.00').expect(201);
  });
});
