import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { binaryBody } from './support/fixtures.js';
import { auth, createTestWorld, type TestWorld } from './support/test-app.js';

/*
 * A Wuhan FoF with a seed fund and a direct investment.
 * Seed fund: FoF commits 1,000,000.00 of 2,000,000.00; calls 300,000.00 (2025-07-01) and 200,000.00
 * (2025-10-01); valuation 450,000.00 on 2025-12-31. Direct: commits 100,000.00, pays it 2025-08-01,
 * valued 150,000.00 on 2025-12-31.
 * As of 2025-12-31: portfolio paidIn 600,000.00, nav 600,000.00, tvpi 1.000000; pooled, the seed fund's
 * loss (500,000 − 450,000 = 50,000.00, 0.100000 of its paid-in) is offset by the direct investment's gain
 * (50,000.00), so the whole FoF shows loss 0.00: losses are shown at every level, judged where the rule says.
 */
describe('whole-lifecycle review: JSON and the Excel workbook', () => {
  let w: TestWorld;
  let fofId: string;
  let db: pg.Client;
  let beforeLate: string;
  const m = () => auth(w.managerA);
  const post = async (path: string, body: object) => {
    const r = await w.http.post(`/fofs/${fofId}/${path}`).set(m()).send(body);
    if (r.status !== 201) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  beforeAll(async () => {
    w = await createTestWorld();
    db = new pg.Client({ connectionString: w.databaseUrl });
    await db.connect();
    fofId = (await w.http.post('/fofs').set(m()).send({ code: 'REV', name: '评价测试', jurisdiction: 'WUHAN' }).expect(201)).body.id;
    const seed = (await post('sub-funds', { code: 'SEED', name: '种子基金', category: 'SEED', manager: 'M', firstClose: '2025-07-01', termEnd: '2035-06-30' })).id;
    await post('lp-commitments', { subFundId: seed, investorName: '母基金', investorKind: 'FOF', amount: '1000000.00', commitDate: '2025-07-01' });
    await post('lp-commitments', { subFundId: seed, investorName: '社会资本', investorKind: 'PRIVATE', amount: '1000000.00', commitDate: '2025-07-01' });
    await post('flows', { subFundId: seed, flowType: 'CONTRIBUTION', flowDate: '2025-07-01', amount: '300000.00' });
    await post('flows', { subFundId: seed, flowType: 'CONTRIBUTION', flowDate: '2025-10-01', amount: '200000.00' });
    await post('valuations', { subFundId: seed, valuationDate: '2025-12-31', nav: '450000.00' });
    const di = (await post('direct-investments', { code: 'DI', projectName: '=HYPERLINK("http://x")', stage: 'SEED', isTech: true, decisionDate: '2025-07-15', commitment: '100000.00' })).id;
    await post('flows', { directInvestmentId: di, flowType: 'CONTRIBUTION', flowDate: '2025-08-01', amount: '100000.00' });
    await post('valuations', { directInvestmentId: di, valuationDate: '2025-12-31', nav: '150000.00' });
    beforeLate = ((await db.query('SELECT now() AS t')).rows[0].t as Date).toISOString();
    await post('flows', { subFundId: seed, flowType: 'CONTRIBUTION', flowDate: '2025-11-01', amount: '100000.00' });
  });
  afterAll(async () => {
    await db.end();
    await w.close();
  });

  it('gives the portfolio, categories, vintages, positions, annual tables and checks, as known at an instant', async () => {
    const r = (await w.http.get(`/fofs/${fofId}/review?asOf=2025-12-31&knownAt=${encodeURIComponent(beforeLate)}`).set(auth(w.reviewerA)).expect(200)).body;
    expect(r.policyPack.id).toBe('wuhan-2025');
    expect(r.portfolio).toMatchObject({ paidIn: '600000.00', nav: '600000.00', tvpi: '1.000000', loss: '0.00', lossRatio: '0.000000', valueAdded: '0.00' });
    expect(r.categories.map((c: { category: string }) => c.category)).toEqual(['SEED', 'DIRECT']);
    expect(r.categories[0].figures).toMatchObject({ paidIn: '500000.00', nav: '450000.00', loss: '50000.00', lossRatio: '0.100000' });
    expect(r.categories[1].figures).toMatchObject({ paidIn: '100000.00', nav: '150000.00', loss: '0.00', valueAdded: '50000.00' });
    expect(r.vintages).toEqual([expect.objectContaining({ year: 2025, positions: 2 })]);
    expect(r.positions).toHaveLength(2);
    // 2025: early-stage commitments 1,000,000 (seed) + 100,000 (direct tech) of 1,100,000 new investment
    expect(r.annualAllocation).toEqual([expect.objectContaining({ year: 2025, newInvestment: '1100000.00', earlyStage: '1100000.00', earlyStageShare: '1.000000', target: '0.200000' })]);
    expect(r.checks.some((c: { ruleId: string }) => c.ruleId === 'loss-tolerance-seed-fund')).toBe(true);
    // The review and /checks judge the same ledger the same way.
    const plain = (await w.http.get(`/fofs/${fofId}/checks?asOf=2025-12-31&knownAt=${encodeURIComponent(beforeLate)}`).set(auth(w.reviewerA)).expect(200)).body;
    expect(r.checks).toEqual(plain.checks);
    // the call recorded after the instant is not part of the review
    const now = (await w.http.get(`/fofs/${fofId}/review?asOf=2025-12-31`).set(auth(w.reviewerA)).expect(200)).body;
    expect(now.portfolio.paidIn).toBe('700000.00');
  });

  async function workbook(lang: string) {
    const res = await w.http
      .get(`/fofs/${fofId}/review/workbook?asOf=2025-12-31&lang=${lang}`)
      .set(auth(w.reviewerA))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    return wb;
  }

  it('streams a Chinese workbook whose XIRR formulas carry the same rates as the JSON', async () => {
    const review = (await w.http.get(`/fofs/${fofId}/review?asOf=2025-12-31`).set(auth(w.reviewerA)).expect(200)).body;
    const wb = await workbook('zh');
    const names = wb.worksheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['封面', '规则检查', '组合汇总', '分类', '持仓', '现金流1']));
    const positions = wb.getWorksheet('持仓')!;
    const xirrCells: Array<{ formula: string; result: unknown }> = [];
    positions.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as { formula?: string; result?: unknown } | null;
        if (v && typeof v === 'object' && v.formula?.includes('XIRR(')) xirrCells.push({ formula: v.formula, result: cell.result });
      }),
    );
    expect(xirrCells).toHaveLength(2);
    const irrs = review.positions.map((p: { figures: { irr: string } }) => Number(p.figures.irr));
    for (const [i, c] of xirrCells.entries()) {
      expect(c.formula).toContain('现金流1');
      expect(Math.abs(Number(c.result) - irrs[i]!)).toBeLessThan(1e-6);
    }
    // a project named like a formula is kept as text, escaped
    let escaped = false;
    positions.eachRow((row) => row.eachCell((cell) => (escaped ||= cell.value === `'=HYPERLINK("http://x")`)));
    expect(escaped).toBe(true);
  });

  it('gives English labels with lang=en, and refuses a bad language or date', async () => {
    const wb = await workbook('en');
    expect(wb.worksheets.map((s) => s.name)).toEqual(expect.arrayContaining(['Cover', 'RuleChecks', 'Positions', 'CashFlows1']));
    await w.http.get(`/fofs/${fofId}/review/workbook?lang=fr`).set(auth(w.reviewerA)).expect(400);
    await w.http.get(`/fofs/${fofId}/review?asOf=2025-02-30`).set(auth(w.reviewerA)).expect(400);
    await w.http.get(`/fofs/${fofId}/review/workbook`).set(auth(w.managerB)).expect(404);
  });

  /*
   * Codes are unique per table only: a VC sub-fund and a direct investment both coded X1.
   * Sub-fund: calls 300,000.00 (2025-03-01) and 100,000.00 (2025-06-01), valued 500,000.00 on 2025-12-31:
   * 现金流1 rows 2–4 (two calls, the NAV row). Direct: pays 200,000.00 (2025-04-10), gets 50,000.00 back
   * (2025-09-30), written off at 0.00: rows 5–6, no NAV row (a NAV of 0 adds none).
   */
  it('exports a workbook when a sub-fund and a direct investment share a code, each XIRR over its own rows', async () => {
    const dup = (await w.http.post('/fofs').set(m()).send({ code: 'DUP', name: '同码测试', jurisdiction: 'WUHAN' }).expect(201)).body.id as string;
    const add = async (path: string, body: object) => {
      const r = await w.http.post(`/fofs/${dup}/${path}`).set(m()).send(body);
      if (r.status !== 201) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.id as string;
    };
    const sf = await add('sub-funds', { code: 'X1', name: '同码子基金', category: 'VC', manager: 'M', firstClose: '2025-03-01', termEnd: '2035-02-28' });
    await add('lp-commitments', { subFundId: sf, investorName: '母基金', investorKind: 'FOF', amount: '1000000.00', commitDate: '2025-03-01' });
    await add('flows', { subFundId: sf, flowType: 'CONTRIBUTION', flowDate: '2025-03-01', amount: '300000.00' });
    await add('flows', { subFundId: sf, flowType: 'CONTRIBUTION', flowDate: '2025-06-01', amount: '100000.00' });
    await add('valuations', { subFundId: sf, valuationDate: '2025-12-31', nav: '500000.00' });
    const di = await add('direct-investments', { code: 'X1', projectName: '同码直投', stage: 'SEED', isTech: true, decisionDate: '2025-04-01', commitment: '200000.00' });
    await add('flows', { directInvestmentId: di, flowType: 'CONTRIBUTION', flowDate: '2025-04-10', amount: '200000.00' });
    await add('flows', { directInvestmentId: di, flowType: 'DISTRIBUTION', distributionKind: 'RETURN_OF_CAPITAL', flowDate: '2025-09-30', amount: '50000.00' });
    await add('valuations', { directInvestmentId: di, valuationDate: '2025-12-31', nav: '0.00' });

    const review = (await w.http.get(`/fofs/${dup}/review?asOf=2025-12-31`).set(auth(w.reviewerA)).expect(200)).body;
    const res = await w.http
      .get(`/fofs/${dup}/review/workbook?asOf=2025-12-31`)
      .set(auth(w.reviewerA))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);

    const flows = wb.getWorksheet('现金流1')!;
    const flowRow = (r: number) => [flows.getCell(`A${r}`).value, flows.getCell(`B${r}`).value, flows.getCell(`D${r}`).value, flows.getCell(`F${r}`).value];
    expect([2, 3, 4, 5, 6, 7].map(flowRow)).toEqual([
      ['X1', '同码子基金', '出资', -300000],
      ['X1', '同码子基金', '出资', -100000],
      ['X1', '同码子基金', '期末净值', 500000],
      ['X1', '同码直投', '出资', -200000],
      ['X1', '同码直投', '分配', 50000],
      [null, null, null, null],
    ]);

    const positions = wb.getWorksheet('持仓')!;
    const irrCell = (name: string) => {
      let found: { formula: string; result: unknown } | undefined;
      positions.eachRow((row) => {
        if (row.getCell(3).value !== name) return;
        row.eachCell((cell) => {
          const v = cell.value as { formula?: string } | null;
          if (v && typeof v === 'object' && v.formula?.includes('XIRR(')) found = { formula: v.formula, result: cell.result };
        });
      });
      return found!;
    };
    const sfIrr = irrCell('同码子基金');
    const diIrr = irrCell('同码直投');
    expect(sfIrr.formula).toContain('$F$2:$F$4');
    expect(diIrr.formula).toContain('$F$5:$F$6');
    const irrOf = (kind: string) => Number(review.positions.find((x: { kind: string }) => x.kind === kind).figures.irr);
    expect(Math.abs(Number(sfIrr.result) - irrOf('SUB_FUND'))).toBeLessThan(1e-6);
    expect(Math.abs(Number(diIrr.result) - irrOf('DIRECT'))).toBeLessThan(1e-6);

    // The pooled direct-investment flows end with a distribution, not a NAV (it is 0): each row says what it is.
    const pooled = wb.getWorksheet('汇总现金流')!;
    const pooledRows: unknown[][] = [];
    pooled.eachRow((row, i) => {
      if (i > 1) pooledRows.push([row.getCell(1).value, row.getCell(3).value, row.getCell(5).value]);
    });
    expect(pooledRows.filter((r) => r[0] === 'CATEGORY:DIRECT')).toEqual([
      ['CATEGORY:DIRECT', '当日净现金流', -200000],
      ['CATEGORY:DIRECT', '当日净现金流', 50000],
    ]);
    // the whole FoF: −300,000 (03-01), −200,000 (04-10), −100,000 (06-01), +50,000 (09-30), then the NAV 500,000 + 0
    expect(pooledRows.filter((r) => r[0] === 'PORTFOLIO')).toEqual([
      ['PORTFOLIO', '当日净现金流', -300000],
      ['PORTFOLIO', '当日净现金流', -200000],
      ['PORTFOLIO', '当日净现金流', -100000],
      ['PORTFOLIO', '当日净现金流', 50000],
      ['PORTFOLIO', '期末净值', 500000],
    ]);
  });
});
