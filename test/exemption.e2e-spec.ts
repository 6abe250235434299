import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { binaryBody } from './support/fixtures.js';
import { auth, createTestWorld, type TestUser, type TestWorld } from './support/test-app.js';

/*
 * A seed-stage direct investment of 1,000,000.00 written off (valued 0.00): loss 1,000,000.00, loss ratio
 * 1.000000 against the Wuhan tolerance for seed-stage direct projects of 100% (武政办〔2025〕67号 §二(一)5).
 * Exactly at the tolerance counts as within it.
 */
describe('尽职免责: from a loss to an approved report', () => {
  let w: TestWorld;
  let db: pg.Client;
  let fofId: string;
  let diId: string;
  let caseId: string;
  const base = () => `/fofs/${fofId}/exemption-cases`;
  const as = (u: TestUser) => auth(u);
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(2048), Buffer.from('\n%%EOF\n')]);
  const allPerformed = {
    checklist: ['PROJECT_APPROVAL', 'DUE_DILIGENCE_REPORT', 'INVESTMENT_DECISION', 'POST_INVESTMENT_MANAGEMENT', 'RISK_HANDLING'].map((code) => ({ code, performed: true, note: '已履职' })),
    negativeList: ['VIOLATION_OF_LAW', 'VIOLATION_OF_PROCEDURE', 'BENEFIT_TRANSFER', 'FALSIFICATION', 'PRIVATE_GAIN'].map((code) => ({ code, present: false, note: '' })),
  };

  beforeAll(async () => {
    w = await createTestWorld();
    db = new pg.Client({ connectionString: w.databaseUrl });
    await db.connect();
    const m = as(w.managerA);
    fofId = (await w.http.post('/fofs').set(m).send({ code: 'MJ', name: '免责测试', jurisdiction: 'WUHAN' }).expect(201)).body.id;
    diId = (await w.http.post(`/fofs/${fofId}/direct-investments`).set(m).send({ code: 'DI', projectName: '核销项目', stage: 'SEED', isTech: true, decisionDate: '2025-07-01', commitment: '1000000.00' }).expect(201)).body.id;
    await w.http.post(`/fofs/${fofId}/flows`).set(m).send({ directInvestmentId: diId, flowType: 'CONTRIBUTION', flowDate: '2025-07-15', amount: '1000000.00' }).expect(201);
    await w.http.post(`/fofs/${fofId}/valuations`).set(m).send({ directInvestmentId: diId, valuationDate: '2025-11-30', nav: '0.00' }).expect(201);
    await w.http.post(`/fofs/${fofId}/amendments`).set(m).send({ directInvestmentId: diId, kind: 'STATUS_CHANGE', effectiveDate: '2025-11-30', newStatus: 'WRITTEN_OFF', documentNo: '武金控〔2025〕99号' }).expect(201);
  });
  afterAll(async () => {
    await db.end();
    await w.close();
  });

  it('lists the written-off project as a loss event', async () => {
    const r = await w.http.get(`/fofs/${fofId}/loss-events?asOf=2025-12-31`).set(as(w.reviewerA)).expect(200);
    expect(r.body).toEqual([expect.objectContaining({ subjectType: 'DIRECT_INVESTMENT', subjectId: diId, trigger: 'WRITTEN_OFF', loss: '1000000.00', lossRatio: '1.000000', caseId: null })]);
  });

  it('opens a case with one call: facts from the ledger, the pack’s checklist unanswered', async () => {
    const body = { subjectType: 'DIRECT_INVESTMENT', subjectId: diId, trigger: 'WRITTEN_OFF', caseDate: '2025-12-31' };
    await w.http.post(base()).set(as(w.reviewerA)).send(body).expect(403);
    await w.http.post(base()).set(as(w.managerB)).send(body).expect(404);
    await w.http.post(base()).set(as(w.managerA)).send({ ...body, trigger: 'OOPS' }).expect(400);
    const r = await w.http.post(base()).set(as(w.managerA)).send(body).expect(201);
    caseId = r.body.id;
    expect(r.body.state).toBe('DRAFT');
    expect(r.body.facts).toMatchObject({ invested: '1000000.00', recovered: '0.00', remainingValue: '0.00', loss: '1000000.00', lossRatio: '1.000000', tolerance: '1.000000', clause: '§二(一)5', packId: 'wuhan-2025' });
    expect(r.body.checklist.map((c: { code: string; performed: unknown }) => [c.code, c.performed])).toEqual([
      ['PROJECT_APPROVAL', null], ['DUE_DILIGENCE_REPORT', null], ['INVESTMENT_DECISION', null], ['POST_INVESTMENT_MANAGEMENT', null], ['RISK_HANDLING', null],
    ]);
    expect(r.body.computed.conclusion).toBe('INCOMPLETE');
    await w.http.post(base()).set(as(w.managerA)).send(body).expect(409);
    const events = await w.http.get(`/fofs/${fofId}/loss-events?asOf=2025-12-31`).set(as(w.managerA)).expect(200);
    expect(events.body[0]).toMatchObject({ caseId, caseState: 'DRAFT' });
  });

  it('keeps evidence files with their SHA-256, and refuses empty, oversized and wrong-type files', async () => {
    const up = (file: Buffer, name: string, type: string) =>
      w.http
        .post(`${base()}/${caseId}/evidence`)
        .set(as(w.managerA))
        .field('checklistCode', 'DUE_DILIGENCE_REPORT')
        .field('title', '尽职调查报告')
        .field('documentNo', '武金控投〔2025〕18号')
        .field('date', '2025-06-20')
        .attach('file', file, { filename: name, contentType: type });
    const ok = await up(pdf, '尽调报告.pdf', 'application/pdf').expect(201);
    const ref = ok.body.checklist.find((c: { code: string }) => c.code === 'DUE_DILIGENCE_REPORT').evidence[0];
    expect(ref.sha256).toBe(crypto.createHash('sha256').update(pdf).digest('hex'));
    expect(ref.size).toBe(pdf.length);
    const dl = await w.http.get(`${base()}/${caseId}/evidence/${ref.id}`).set(as(w.reviewerA)).buffer(true).parse(binaryBody).expect(200);
    expect(Buffer.compare(dl.body as Buffer, pdf)).toBe(0);
    const before = (await db.query('SELECT count(*)::int AS n FROM evidence_files')).rows[0].n;
    expect((await up(Buffer.alloc(0), 'empty.pdf', 'application/pdf').expect(400)).body.details[0].path).toBe('file');
    await up(Buffer.from('plain text, not allowed'), 'note.txt', 'text/plain').expect(400);
    await up(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]), 'fake.pdf', 'application/pdf').expect(400);
    await up(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(20 * 1024 * 1024)]), 'huge.pdf', 'application/pdf').expect(413);
    await w.http.post(`${base()}/${caseId}/evidence`).set(as(w.managerA)).field('checklistCode', 'DUE_DILIGENCE_REPORT').field('title', 't').field('documentNo', '').field('date', '2025-06-20').expect(400);
    expect((await db.query('SELECT count(*)::int AS n FROM evidence_files')).rows[0].n).toBe(before);
  });

  it('runs the workflow, refusing every illegal transition and wrong role', async () => {
    const go = (u: TestUser, action: string, body: object = {}) => w.http.post(`${base()}/${caseId}/${action}`).set(as(u)).send(body);
    await go(w.managerA, 'submit').expect(400); // unanswered items
    await go(w.reviewerA, 'approve').expect(409); // DRAFT cannot be approved
    await go(w.managerA, 'approve').expect(403);
    await go(w.reviewerA, 'submit').expect(403);
    await go(w.reviewerA, 'answers', allPerformed).expect(403); // a reviewer cannot change facts
    const answered = await go(w.managerA, 'answers', allPerformed).expect(200);
    // loss 1,000,000.00 = 100% of 1,000,000.00 invested, tolerance 100%: within, all duties performed → EXEMPT
    expect(answered.body.computed).toMatchObject({ conclusion: 'EXEMPT', exemptAmount: '1000000.00', nonExemptAmount: '0.00' });
    expect((await go(w.managerA, 'submit', { comment: '提请审核' }).expect(200)).body.state).toBe('SUBMITTED');
    await go(w.managerA, 'answers', allPerformed).expect(409); // locked while submitted
    await go(w.managerA, 'submit').expect(409);
    await go(w.reviewerA, 'return', {}).expect(400); // a return needs a comment
    expect((await go(w.reviewerA, 'return', { comment: '请补充投后管理记录' }).expect(200)).body.state).toBe('RETURNED');
    await go(w.reviewerA, 'approve').expect(409);
    expect((await go(w.managerA, 'submit', { comment: '已补充' }).expect(200)).body.state).toBe('SUBMITTED');
    await go(w.reviewerA, 'approve', { override: { conclusion: 'NOT_EXEMPT' } }).expect(400); // an override needs a reason
    await go(w.reviewerB, 'approve').expect(404);
    const approved = await go(w.reviewerA, 'approve', { comment: '集体研究决定', override: { conclusion: 'PARTIAL', reason: '投后管理记录不完整', exemptAmount: '600000.00' } }).expect(200);
    expect(approved.body.state).toBe('APPROVED');
    expect(approved.body.decision).toMatchObject({ conclusion: 'PARTIAL', computedConclusion: 'EXEMPT', overridden: true, overrideReason: '投后管理记录不完整', exemptAmount: '600000.00', nonExemptAmount: '400000.00' });
    for (const action of ['submit', 'approve', 'return']) await go(action === 'submit' ? w.managerA : w.reviewerA, action, { comment: 'x' }).expect(409);
    await go(w.managerA, 'answers', allPerformed).expect(409);
    expect(approved.body.trail.map((t: { action: string; actor: { name: string } }) => `${t.action}:${t.actor.name}`)).toEqual([
      'CREATE:manager-a', 'EDIT:manager-a', 'EDIT:manager-a', 'SUBMIT:manager-a', 'RETURN:reviewer-a', 'SUBMIT:manager-a', 'APPROVE:reviewer-a',
    ]);
    const audit = await w.http.get(`/fofs/${fofId}/audit?pageSize=100`).set(as(w.reviewerA)).expect(200);
    expect(audit.body.items.filter((a: { entity: string }) => a.entity === 'exemption-case').map((a: { action: string }) => a.action).reverse()).toEqual([
      'CREATE', 'EDIT', 'EDIT', 'SUBMIT', 'RETURN', 'SUBMIT', 'APPROVE',
    ]);
    // the database keeps the events: none can be changed
    await expect(db.query('UPDATE exemption_case_events SET state_after = $1', ['DRAFT'])).rejects.toThrow(/append-only/);
  });

  it('produces the report (Chinese by default, English on request) with the evidence hashes and the trail', async () => {
    const get = async (lang: string) => {
      const res = await w.http.get(`${base()}/${caseId}/report?lang=${lang}`).set(as(w.reviewerA)).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      }).expect(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as unknown as ArrayBuffer);
      return wb;
    };
    const zh = await get('zh');
    expect(zh.worksheets.map((s) => s.name)).toEqual(['封面', '事实与数据', '尽职清单', '负面清单', '客观原因', '结论', '审批记录', '政策依据']);
    const texts = (ws: ExcelJS.Worksheet) => {
      const out: string[] = [];
      ws.eachRow((row) => row.eachCell((c) => out.push(String(c.value ?? ''))));
      return out.join('\n');
    };
    expect(texts(zh.getWorksheet('尽职清单')!)).toContain(crypto.createHash('sha256').update(pdf).digest('hex'));
    expect(texts(zh.getWorksheet('审批记录')!)).toContain('请补充投后管理记录');
    expect(texts(zh.getWorksheet('封面')!)).toContain('MJ-MJ-2025-001');
    const en = await get('en');
    expect(en.worksheets[0]!.name).toBe('Cover');
  });

  it('every exemption route × every outside principal: 404 for another organization, 403 for a wrong role, 401 without a token', async () => {
    const ev = (await w.http.get(`${base()}/${caseId}`).set(as(w.managerA)).expect(200)).body.checklist.flatMap((c: { evidence: Array<{ id: string }> }) => c.evidence)[0].id;
    const open = { subjectType: 'DIRECT_INVESTMENT', subjectId: diId, trigger: 'WRITTEN_OFF', caseDate: '2025-12-31' };
    const routes: Array<{ m: 'get' | 'post'; path: string; role: 'MANAGER' | 'REVIEWER' | 'ANY'; body?: object; file?: boolean }> = [
      { m: 'get', path: `/fofs/${fofId}/loss-events`, role: 'ANY' },
      { m: 'get', path: base(), role: 'ANY' },
      { m: 'get', path: `${base()}/${caseId}`, role: 'ANY' },
      { m: 'get', path: `${base()}/${caseId}/report`, role: 'ANY' },
      { m: 'get', path: `${base()}/${caseId}/evidence/${ev}`, role: 'ANY' },
      { m: 'post', path: base(), role: 'MANAGER', body: open },
      { m: 'post', path: `${base()}/${caseId}/answers`, role: 'MANAGER', body: {} },
      { m: 'post', path: `${base()}/${caseId}/evidence`, role: 'MANAGER', file: true },
      { m: 'post', path: `${base()}/${caseId}/submit`, role: 'MANAGER', body: {} },
      { m: 'post', path: `${base()}/${caseId}/approve`, role: 'REVIEWER', body: {} },
      { m: 'post', path: `${base()}/${caseId}/return`, role: 'REVIEWER', body: { comment: 'x' } },
    ];
    for (const r of routes) {
      const call = (u: TestUser | null) => {
        const req = w.http[r.m](r.path);
        if (u) req.set(as(u));
        if (r.file) {
          return req.field('checklistCode', 'RISK_HANDLING').field('title', 't').field('documentNo', '').field('date', '2025-01-01').attach('file', pdf, { filename: 'a.pdf', contentType: 'application/pdf' });
        }
        return r.m === 'post' ? req.send(r.body) : req;
      };
      expect([r.path, (await call(null)).status]).toEqual([r.path, 401]);
      expect([r.path, (await call(w.adminA)).status]).toEqual([r.path, 403]);
      expect([r.path, (await call(w.managerB)).status]).toEqual([r.path, r.role === 'REVIEWER' ? 403 : 404]);
      expect([r.path, (await call(w.reviewerB)).status]).toEqual([r.path, r.role === 'MANAGER' ? 403 : 404]);
    }
  });

  it('the review keeps the case apart, with its final conclusion, and keeps losses beyond tolerance apart by decision', async () => {
    // A seed fund that lost 90% of its 1,000,000.00 paid-in, beyond the 80% tolerance (§二(一)5): FAIL, no case yet.
    const m = as(w.managerA);
    const seed = (await w.http.post(`/fofs/${fofId}/sub-funds`).set(m).send({ code: 'SEED', name: '种子', category: 'SEED', manager: 'M', firstClose: '2025-07-01', termEnd: '2035-06-30' }).expect(201)).body.id;
    await w.http.post(`/fofs/${fofId}/lp-commitments`).set(m).send({ subFundId: seed, investorName: '母基金', investorKind: 'FOF', amount: '1000000.00', commitDate: '2025-07-01' }).expect(201);
    await w.http.post(`/fofs/${fofId}/lp-commitments`).set(m).send({ subFundId: seed, investorName: '社会资本', investorKind: 'PRIVATE', amount: '1000000.00', commitDate: '2025-07-01' }).expect(201);
    await w.http.post(`/fofs/${fofId}/flows`).set(m).send({ subFundId: seed, flowType: 'CONTRIBUTION', flowDate: '2025-07-02', amount: '1000000.00' }).expect(201);
    await w.http.post(`/fofs/${fofId}/valuations`).set(m).send({ subFundId: seed, valuationDate: '2025-12-31', nav: '100000.00' }).expect(201);
    const events = await w.http.get(`/fofs/${fofId}/loss-events?asOf=2025-12-31`).set(as(w.reviewerA)).expect(200);
    expect(events.body).toEqual(expect.arrayContaining([expect.objectContaining({ subjectId: seed, trigger: 'LOSS_TOLERANCE_FAIL', loss: '900000.00', lossRatio: '0.900000', caseId: null })]));
    const r = await w.http.get(`/fofs/${fofId}/review?asOf=2025-12-31`).set(as(w.reviewerA)).expect(200);
    expect(r.body.lossesBeyondTolerance).toEqual({
      exempt: [],
      notExempt: [],
      pending: [expect.objectContaining({ ruleId: 'loss-tolerance-seed-fund', subjectId: seed, amount: '900000.00', caseId: null })],
    });
    expect(r.body.exemptions).toEqual([expect.objectContaining({ caseId, subjectId: diId, status: 'APPROVED', conclusion: 'PARTIAL', loss: '1000000.00', tolerance: '1.000000' })]);
    // The workbook lists the same split on a sheet of its own.
    const file = await w.http
      .get(`/fofs/${fofId}/review/workbook?asOf=2025-12-31`)
      .set(as(w.reviewerA))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('超出容忍度亏损')!;
    expect(ws.getRow(2).values).toEqual([undefined, '尚无结论', 'loss-tolerance-seed-fund', '子基金', 'SEED 种子', 900000]);
    expect(ws.rowCount).toBe(2);
  });

  it('a review as known at an instant shows each case as it stood then; as of a date, only the cases dated by then', async () => {
    // The case's events with their instants, rounded up to the millisecond a knownAt can carry.
    const { rows } = await db.query<{ action: string; upTo: string; next: string | null }>(
      `SELECT action, to_char((date_trunc('milliseconds', recorded_at) + interval '1 millisecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "upTo",
              lead(recorded_at) OVER (ORDER BY seq) > date_trunc('milliseconds', recorded_at) + interval '1 millisecond' AS next
         FROM exemption_case_events WHERE case_id = $1 ORDER BY seq`,
      [caseId],
    );
    expect(rows.map((e) => e.action)).toEqual(['CREATE', 'EDIT', 'EDIT', 'SUBMIT', 'RETURN', 'SUBMIT', 'APPROVE']);
    const review = async (query: string) => (await w.http.get(`/fofs/${fofId}/review?${query}`).set(as(w.reviewerA)).expect(200)).body.exemptions as Array<Record<string, unknown>>;
    const knownAt = (i: number) => {
      expect(rows[i]!.next).toBe(true); // the next event came later than this instant
      return `asOf=2025-12-31&knownAt=${rows[i]!.upTo}`;
    };
    const created = new Date(Date.parse(rows[0]!.upTo) - 2).toISOString(); // before the case was opened
    expect(await review(`asOf=2025-12-31&knownAt=${created}`)).toEqual([]);
    expect(await review(knownAt(0))).toEqual([expect.objectContaining({ caseId, status: 'DRAFT', conclusion: 'INCOMPLETE', decidedOn: null })]);
    expect(await review(knownAt(3))).toEqual([expect.objectContaining({ caseId, status: 'SUBMITTED', conclusion: 'EXEMPT', decidedOn: null })]);
    expect(await review(knownAt(4))).toEqual([expect.objectContaining({ caseId, status: 'RETURNED', conclusion: 'EXEMPT' })]);
    expect(await review('asOf=2025-12-31')).toEqual([expect.objectContaining({ caseId, status: 'APPROVED', conclusion: 'PARTIAL' })]);
    // the case is dated 2025-12-31: a review as of the day before has no case yet
    expect(await review('asOf=2025-12-30')).toEqual([]);
  });
});
