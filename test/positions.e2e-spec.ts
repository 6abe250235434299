import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { auth, createTestWorld, type TestWorld } from './support/test-app.js';

/*
 * Figures as of a date, and as known at an instant, computed by hand:
 * seed fund: FoF commits 1,000,000.00 of 2,000,000.00 (share 0.500000); contributions 400,000.00 on
 * 2024-01-01 and 100,000.00 on 2024-07-01; valuation 480,000.00 on 2024-12-31; distribution 50,000.00
 * on 2025-01-01. As of 2025-06-30: paidIn 500,000.00, distributed 50,000.00, nav rolled forward
 * 480,000 − 50,000 = 430,000.00, tvpi (50,000 + 430,000)/500,000 = 0.960000, loss 20,000.00 (0.040000).
 * IRR over −400,000 (2024-01-01), −100,000 (2024-07-01), +50,000 (2025-01-01), +430,000 (2025-06-30),
 * by plain bisection of Σ cf/(1+r)^(days/365) in Python: −0.0299052104.
 */
describe('positions as of a date, as known at an instant', () => {
  let w: TestWorld;
  let fofId: string;
  let seedId: string;
  let lateFlowId: string;
  let knownAt: string;

  beforeAll(async () => {
    w = await createTestWorld();
    const m = auth(w.managerA);
    fofId = (await w.http.post('/fofs').set(m).send({ code: 'POS', name: '持仓测试', jurisdiction: 'WUHAN' }).expect(201)).body.id;
    const post = async (path: string, body: object) => {
      const r = await w.http.post(`/fofs/${fofId}/${path}`).set(m).send(body);
      if (r.status !== 201) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
      return r;
    };
    seedId = (await post('sub-funds', { code: 'SEED', name: '种子', category: 'SEED', manager: 'M', firstClose: '2024-01-01', termEnd: '2034-01-01' })).body.id;
    await post('lp-commitments', { subFundId: seedId, investorName: '母基金', investorKind: 'FOF', amount: '1000000.00', commitDate: '2024-01-01' });
    await post('lp-commitments', { subFundId: seedId, investorName: '社会资本', investorKind: 'PRIVATE', amount: '1000000.00', commitDate: '2024-01-01' });
    await post('flows', { subFundId: seedId, flowType: 'CONTRIBUTION', flowDate: '2024-01-01', amount: '400000.00' });
    lateFlowId = (await post('flows', { subFundId: seedId, flowType: 'CONTRIBUTION', flowDate: '2024-07-01', amount: '100000.00' })).body.id;
    await post('valuations', { subFundId: seedId, valuationDate: '2024-12-31', nav: '480000.00' });
    await post('flows', { subFundId: seedId, flowType: 'DISTRIBUTION', distributionKind: 'GAIN', flowDate: '2025-01-01', amount: '50000.00' });
    const di = (await post('direct-investments', { code: 'DI', projectName: '核销项目', stage: 'SEED', isTech: true, decisionDate: '2024-02-01', commitment: '200000.00' })).body.id;
    await post('flows', { directInvestmentId: di, flowType: 'CONTRIBUTION', flowDate: '2024-03-01', amount: '200000.00' });
    await post('valuations', { directInvestmentId: di, valuationDate: '2024-12-31', nav: '0.00' });
    await post('amendments', { directInvestmentId: di, kind: 'STATUS_CHANGE', effectiveDate: '2024-12-31', newStatus: 'WRITTEN_OFF' });
    const c = new pg.Client({ connectionString: w.databaseUrl });
    await c.connect();
    knownAt = ((await c.query('SELECT now() AS t')).rows[0].t as Date).toISOString();
    await c.end();
    await w.http.post(`/fofs/${fofId}/flows/${lateFlowId}/reversal`).set(m).send({ reason: '重复缴款，冲销' }).expect(201);
  });
  afterAll(async () => {
    await w.close();
  });

  const get = async (query: string) => (await w.http.get(`/fofs/${fofId}/positions?${query}`).set(auth(w.reviewerA)).expect(200)).body;

  it('as known at the instant before the reversal, the seed fund shows every figure of domain.md', async () => {
    const r = await get(`asOf=2025-06-30&knownAt=${encodeURIComponent(knownAt)}`);
    const seed = r.subFunds.find((s: { id: string }) => s.id === seedId);
    expect(seed.fofShare).toBe('0.500000');
    expect(seed.totalCommitments).toBe('2000000.00');
    expect(seed.figures).toMatchObject({
      commitment: '1000000.00',
      paidIn: '500000.00',
      distributed: '50000.00',
      nav: '430000.00',
      unfunded: '500000.00',
      dpi: '0.100000',
      rvpi: '0.860000',
      tvpi: '0.960000',
      loss: '20000.00',
      lossRatio: '0.040000',
      valueAdded: '0.00',
    });
    expect(Math.abs(Number(seed.figures.irr) - -0.0299052104)).toBeLessThan(1e-6);
  });

  it('the written-off direct investment lost all of its paid-in and has no IRR', async () => {
    const r = await get(`asOf=2025-06-30&knownAt=${encodeURIComponent(knownAt)}`);
    expect(r.directs[0].status).toBe('WRITTEN_OFF');
    expect(r.directs[0].figures).toMatchObject({ paidIn: '200000.00', nav: '0.00', loss: '200000.00', lossRatio: '1.000000', irr: null, irrReason: 'NO_SIGN_CHANGE' });
  });

  it('pools the whole FoF over the underlying flows (not an average of ratios)', async () => {
    // paidIn 700,000; distributed 50,000; nav 430,000; loss 220,000 → 0.314286; tvpi 480,000/700,000 = 0.685714.
    // IRR over the union of flows, by bisection in Python: −0.2477699698.
    const r = await get(`asOf=2025-06-30&knownAt=${encodeURIComponent(knownAt)}`);
    expect(r.total).toMatchObject({ commitment: '1200000.00', paidIn: '700000.00', distributed: '50000.00', nav: '430000.00', loss: '220000.00', lossRatio: '0.314286', tvpi: '0.685714' });
    expect(Math.abs(Number(r.total.irr) - -0.2477699698)).toBeLessThan(1e-6);
  });

  it('today, the reversed contribution no longer counts', async () => {
    const r = await get('asOf=2025-06-30');
    const seed = r.subFunds.find((s: { id: string }) => s.id === seedId);
    // paidIn 400,000; nav 430,000; distributed 50,000 → valueAdded 80,000.00, loss 0.00
    expect(seed.figures).toMatchObject({ paidIn: '400000.00', nav: '430000.00', loss: '0.00', valueAdded: '80000.00', tvpi: '1.200000' });
  });

  it('as of a date before the distribution, nav is the valuation itself', async () => {
    const r = await get('asOf=2024-12-31');
    const seed = r.subFunds.find((s: { id: string }) => s.id === seedId);
    expect(seed.figures).toMatchObject({ paidIn: '400000.00', distributed: '0.00', nav: '480000.00' });
  });

  it('rejects a malformed as-of date or instant', async () => {
    const r = await w.http.get(`/fofs/${fofId}/positions?asOf=2025-02-30`).set(auth(w.reviewerA)).expect(400);
    expect(r.body.details[0].path).toBe('asOf');
    await w.http.get(`/fofs/${fofId}/positions?knownAt=yesterday`).set(auth(w.reviewerA)).expect(400);
  });

  it('is 404 for another organization', async () => {
    await w.http.get(`/fofs/${fofId}/positions`).set(auth(w.managerB)).expect(404);
    await w.http.get(`/fofs/${fofId}/positions`).set(auth(w.reviewerB)).expect(404);
  });
});
