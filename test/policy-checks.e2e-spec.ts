import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { auth, createTestWorld, type TestWorld } from './support/test-app.js';

type Check = { ruleId: string; clause: string; subject: { id: string; period?: string }; status: string; threshold: string | null; actual: string | null; headroom: string | null; explanation: { zh: string; en: string }; missingParameter?: string; exception?: { documentNo: string } };

/*
 * A Wuhan FoF (武政办〔2025〕67号, in force from 2025-06-07). Seed fund: the FoF commits 400,000.00
 * and a private LP 600,000.00 → share 0.400000. §二(一)1 caps it at 0.5: the FoF may add x with
 * (400,000 + x) / (1,000,000 + x) ≤ 0.5 → x ≤ (0.5 × 1,000,000 − 400,000) / (1 − 0.5) = 200,000.00.
 */
describe('§二(一)1 policy checks over HTTP: checks, headroom, what-if, grandfathering', () => {
  let w: TestWorld;
  let fofId: string;
  let seedId: string;
  let db: pg.Client;
  const m = () => auth(w.managerA);

  beforeAll(async () => {
    w = await createTestWorld();
    db = new pg.Client({ connectionString: w.databaseUrl });
    await db.connect();
    fofId = (await w.http.post('/fofs').set(m()).send({ code: 'CHK', name: '检查测试', jurisdiction: 'WUHAN' }).expect(201)).body.id;
    seedId = (
      await w.http
        .post(`/fofs/${fofId}/sub-funds`)
        .set(m())
        .send({ code: 'SEED', name: '种子基金', category: 'SEED', manager: 'M', firstClose: '2025-07-01', termEnd: '2035-06-30' })
        .expect(201)
    ).body.id;
    for (const [investorKind, amount] of [['FOF', '400000.00'], ['PRIVATE', '600000.00']]) {
      await w.http
        .post(`/fofs/${fofId}/lp-commitments`)
        .set(m())
        .send({ subFundId: seedId, investorName: investorKind === 'FOF' ? '母基金' : '社会资本', investorKind, amount, commitDate: '2025-07-01' })
        .expect(201);
    }
  });
  afterAll(async () => {
    await db.end();
    await w.close();
  });

  const checks = async (query: string, who = w.reviewerA) => (await w.http.get(`/fofs/${fofId}/checks?${query}`).set(auth(who)).expect(200)).body;
  const shareCheck = (list: Check[]) => list.find((c) => c.ruleId === 'gov-share-cap' && c.subject.id === seedId)!;
  const whatIf = async (amount: string) =>
    (await w.http.post(`/fofs/${fofId}/what-if`).set(m()).send({ type: 'COMMITMENT', subFundId: seedId, amount, date: '2025-09-30' }).expect(200)).body;
  const rowCounts = async () =>
    (await db.query(`SELECT (SELECT count(*) FROM lp_commitments) AS c, (SELECT count(*) FROM audit_log) AS a, (SELECT count(*) FROM idempotency_keys) AS k`)).rows[0];

  it('lists every check with rule id, clause, threshold, actual, headroom and a bilingual explanation with the numbers', async () => {
    const r = await checks('asOf=2025-12-31');
    expect(r.policyPack).toMatchObject({ id: 'wuhan-2025', instrument: '武政办〔2025〕67号', revision: 1 });
    const c = shareCheck(r.checks);
    expect(c).toMatchObject({ clause: '§二(一)1', status: 'PASS', threshold: '0.500000', actual: '0.400000', headroom: '200000.00' });
    expect(c.explanation.zh).toContain('40.0000%');
    expect(c.explanation.zh).toContain('200,000.00');
    expect(c.explanation.en).toContain('40.0000%');
    const ids = new Set(r.checks.map((x: Check) => x.ruleId));
    for (const id of ['gov-share-cap', 'fund-term-max', 'early-stage-allocation-min', 'loss-tolerance-seed-fund']) expect(ids.has(id)).toBe(true);
  });

  it('filters by rule and status, and reads the checks of one subject', async () => {
    const r = await checks('asOf=2025-12-31&ruleId=gov-share-cap&status=PASS');
    expect(r.checks.length).toBe(1);
    const s = await w.http.get(`/fofs/${fofId}/checks/subjects/${seedId}?asOf=2025-12-31`).set(m()).expect(200);
    expect(s.body.checks.every((c: Check) => c.subject.id === seedId)).toBe(true);
    expect(s.body.checks.map((c: Check) => c.ruleId)).toEqual(expect.arrayContaining(['gov-share-cap', 'fund-term-max', 'loss-tolerance-seed-fund']));
    await w.http.get(`/fofs/${fofId}/checks?ruleId=no-such-rule`).set(m()).expect(400);
    await w.http.get(`/fofs/${fofId}/checks?status=GREEN`).set(m()).expect(400);
  });

  it('what-if: committing exactly the headroom stays within the cap; one fen more fails; nothing is written', async () => {
    const before = await rowCounts();
    const atLimit = await whatIf('200000.00');
    // 600,000 / 1,200,000 = 0.5: at the limit, past 90% of it → WARN, not FAIL
    expect(shareCheck(atLimit.checks)).toMatchObject({ status: 'WARN', actual: '0.500000', headroom: '0.00' });
    expect(atLimit.written).toBe(false);
    const over = await whatIf('200000.01');
    expect(shareCheck(over.checks).status).toBe('FAIL');
    expect(over.verdict).toBe('FAIL');
    expect(over.failing.map((c: Check) => c.ruleId)).toContain('gov-share-cap');
    const change = over.changes.find((c: { ruleId: string; before: Check; after: Check }) => c.ruleId === 'gov-share-cap' && c.after.subject.id === seedId);
    expect(change.before.status).toBe('PASS');
    expect(change.after.status).toBe('FAIL');
    expect(await rowCounts()).toEqual(before);
  });

  it('what-if agrees with evaluating after the real write', async () => {
    const predicted = shareCheck((await whatIf('250000.00')).checks);
    await w.http
      .post(`/fofs/${fofId}/lp-commitments`)
      .set(m())
      .send({ subFundId: seedId, investorName: '母基金', investorKind: 'FOF', amount: '250000.00', commitDate: '2025-09-30' })
      .expect(201);
    const actual = shareCheck((await checks('asOf=2025-09-30')).checks);
    expect(actual).toEqual(predicted);
    // 650,000 / 1,250,000 = 0.52 → FAIL, 50,000.01 too much (x ≤ (625,000 − 650,000)/0.5 = −50,000.00)
    expect(actual).toMatchObject({ status: 'FAIL', actual: '0.520000', headroom: '-50000.00' });
  });

  it('an approved exception turns the FAIL into EXEMPT and names the document', async () => {
    await w.http
      .post(`/fofs/${fofId}/exceptions`)
      .set(m())
      .send({ ruleId: 'gov-share-cap', subjectType: 'SUB_FUND', subjectId: seedId, documentNo: '武财金〔2025〕88号', approver: '武汉市财政局', approvedOn: '2025-10-10' })
      .expect(201);
    const c = shareCheck((await checks('asOf=2025-12-31')).checks);
    expect(c.status).toBe('EXEMPT');
    expect(c.exception?.documentNo).toBe('武财金〔2025〕88号');
    expect(c.explanation.zh).toContain('武财金〔2025〕88号');
  });

  it('a what-if replayed with its Idempotency-Key answers 200 again, with the same body', async () => {
    const send = () =>
      w.http.post(`/fofs/${fofId}/what-if`).set(m()).set('Idempotency-Key', 'what-if-replay-1').send({ type: 'COMMITMENT', subFundId: seedId, amount: '1.00', date: '2025-09-30' });
    const first = await send().expect(200);
    const again = await send().expect(200);
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(again.body).toEqual(first.body);
  });

  it('what-if refuses fields of another action type and bad money', async () => {
    const r = await w.http.post(`/fofs/${fofId}/what-if`).set(m()).send({ type: 'COMMITMENT', subFundId: seedId, amount: '1.00', date: '2025-09-30', borrower: 'x' }).expect(400);
    expect(r.body.details[0].path).toBe('borrower');
    await w.http.post(`/fofs/${fofId}/what-if`).set(m()).send({ type: 'COMMITMENT', subFundId: seedId, amount: 1, date: '2025-09-30' }).expect(400);
    await w.http.post(`/fofs/${fofId}/what-if`).set(m()).send({ type: 'TELEPORT' }).expect(400);
    await w.http.post(`/fofs/${fofId}/what-if`).set(auth(w.reviewerA)).send({ type: 'COMMITMENT', subFundId: seedId, amount: '1.00', date: '2025-09-30' }).expect(403);
    await w.http.post(`/fofs/${fofId}/what-if`).set(auth(w.managerB)).send({ type: 'COMMITMENT', subFundId: seedId, amount: '1.00', date: '2025-09-30' }).expect(404);
  });

  it('§二(一)1 early-stage-project-cap: a project is judged against the cap its fund’s documents set for its stage', async () => {
    // The angel fund caps a start-up-stage project at 3,000,000.00: 3,000,000.00 passes (at the cap: WARN), 3,000,000.01 fails.
    const angel = (
      await w.http
        .post(`/fofs/${fofId}/sub-funds`)
        .set(m())
        .send({ code: 'ANGEL', name: '天使', category: 'ANGEL', manager: 'M', firstClose: '2025-07-01', termEnd: '2035-06-30', startupProjectCap: '3000000.00' })
        .expect(201)
    ).body;
    expect(angel.startupProjectCap).toBe('3000000.00');
    expect(angel.seedProjectCap).toBeNull();
    const verdict = async (amount: string) =>
      (
        await w.http
          .post(`/fofs/${fofId}/what-if`)
          .set(m())
          .send({ type: 'PROJECT_INVESTMENT', subFundId: angel.id, projectName: `项目${amount}`, stage: 'STARTUP', date: '2025-09-01', amount })
          .expect(200)
      ).body.checks.find((c: Check & { subject: { label: string } }) => c.ruleId === 'early-stage-project-cap' && c.subject.label.includes(`项目${amount}`));
    expect(await verdict('3000000.00')).toMatchObject({ status: 'WARN', threshold: '3000000.00', actual: '3000000.00' });
    expect(await verdict('3000000.01')).toMatchObject({ status: 'FAIL', threshold: '3000000.00', actual: '3000000.01' });
  });

  it('what-if of a new sub-fund, a hand-off, an M&A loan and an incentive proposal', async () => {
    const vc = await w.http
      .post(`/fofs/${fofId}/what-if`)
      .set(m())
      .send({
        type: 'NEW_SUB_FUND', code: 'VC-NEW', name: '新创投基金', category: 'VC', manager: 'M', firstClose: '2025-08-01', termEnd: '2042-07-31',
        lpCommitments: [{ investorName: '母基金', investorKind: 'FOF', amount: '30000000.00' }, { investorName: '保险', investorKind: 'INSURER', amount: '20000000.00' }],
      })
      .expect(200);
    // share 30/50 = 0.6 > 0.5 → FAIL; term 2025-08-01 → 2042-07-31 is about 17 years > 15 → FAIL
    const fails = vc.body.failing.map((c: Check) => c.ruleId);
    expect(fails).toEqual(expect.arrayContaining(['gov-share-cap', 'fund-term-max']));
    // §二(一)4: a VC fund invested 1,000,000.00 in 2025; a hand-off x is within 10% of the year's new
    // investment when x ≤ 0.1 × (1,000,000 + x) → x ≤ 1,000,000 / 9 = 111,111.11.
    const vcId = (
      await w.http.post(`/fofs/${fofId}/sub-funds`).set(m()).send({ code: 'VC', name: '创投', category: 'VC', manager: 'M', firstClose: '2025-07-01', termEnd: '2035-06-30' }).expect(201)
    ).body.id;
    await w.http
      .post(`/fofs/${fofId}/project-investments`)
      .set(m())
      .send({ subFundId: vcId, projectName: '普通项目', stage: 'GROWTH', investmentDate: '2025-08-01', amount: '1000000.00' })
      .expect(201);
    const handoff = async (amount: string) =>
      (
        await w.http
          .post(`/fofs/${fofId}/what-if`)
          .set(m())
          .send({ type: 'HANDOFF', subFundId: vcId, sourceSubFundId: seedId, projectName: '承接项目', stage: 'STARTUP', date: '2025-10-01', amount })
          .expect(200)
      ).body.checks.find((c: Check) => c.ruleId === 'handoff-annual-cap' && c.subject.id === vcId && c.subject.period === '2025');
    expect((await handoff('111111.11')).status).not.toBe('FAIL');
    expect((await handoff('111111.12')).status).toBe('FAIL');
    const loan = await w.http
      .post(`/fofs/${fofId}/what-if`)
      .set(m())
      .send({ type: 'MA_LOAN', borrower: '某上市公司', target: '某标的', controlling: true, dealAmount: '100000000.00', loanAmount: '80000000.01', startDate: '2025-08-01', maturityDate: '2030-08-01' })
      .expect(200);
    // 80,000,000.01 / 100,000,000 > 0.8 → FAIL (§二(三)11)
    expect(loan.body.failing.map((c: Check) => c.ruleId)).toContain('ma-loan-terms');
    const inc = await w.http
      .post(`/fofs/${fofId}/what-if`)
      .set(m())
      .send({ type: 'INCENTIVE', subFundId: seedId, date: '2025-12-31', socialLpReward: '1.00', managerReward: '0.00', description: '奖励' })
      .expect(200);
    // the seed fund has no value added yet (nothing paid in): any reward exceeds 100% of 0 → FAIL
    expect(inc.body.failing.map((c: Check) => c.ruleId)).toContain('incentive-cap');
  });

  it('a parameter version added by an ADMIN applies from its date; an earlier decision can be judged by the rules then in force', async () => {
    await w.http
      .post('/admin/policy-packs/wuhan-2025/parameters/govShareCap.maxRatio/versions')
      .set(m())
      .send({ from: '2026-01-01', value: '0.6', clause: '§二(一)1', changeNote: 'x' })
      .expect(403);
    const v = await w.http
      .post('/admin/policy-packs/wuhan-2025/parameters/govShareCap.maxRatio/versions')
      .set(auth(w.adminA))
      .send({ from: '2026-01-01', value: '0.6', clause: '§二(一)1', note: '测试用的新版本', changeNote: '测试：2026年起上限调整为60%' })
      .expect(201);
    expect(v.body.revision).toBe(2);
    expect(shareCheck((await checks('asOf=2025-12-31&ruleId=gov-share-cap')).checks).threshold).toBe('0.500000');
    expect(shareCheck((await checks('asOf=2026-01-01&ruleId=gov-share-cap')).checks).threshold).toBe('0.600000');
    const g = await w.http.get(`/fofs/${fofId}/checks/grandfathered?decisionDate=2025-09-30&today=2026-03-01`).set(m()).expect(200);
    const row = g.body.rows.find((r: { ruleId: string; subject: { id: string } }) => r.ruleId === 'gov-share-cap' && r.subject.id === seedId);
    expect(row.atDecision.threshold).toBe('0.500000');
    expect(row.underToday.threshold).toBe('0.600000');
    const bad = await w.http
      .post('/admin/policy-packs/wuhan-2025/parameters/govShareCap.maxRatio/versions')
      .set(auth(w.adminA))
      .send({ from: '2026-02-01', value: 'sixty percent', clause: '§二(一)1', changeNote: 'x' })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('govShareCap.maxRatio');
  });
});
