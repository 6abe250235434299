import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import type { CashFlowRow, ReviewModel } from '../domain/review/review-model.js';
import { DomainError } from '../domain/errors/domain-error.js';
import { type PooledFlowSeries, type ReviewWorkbookOptions, writeReviewWorkbook } from './review-workbook.js';
import type { CashFlowSource } from './sheets/cash-flows.sheet.js';
import * as fx from './testing/review-fixture.js';

const { cashFlows, flowCounts, pooledFlows } = fx;

/**
 * Writes the hand-built review of testing/review-fixture.ts and reads the file back with exceljs'
 * ordinary (non-streaming) reader, as a reviewer's spreadsheet program would open it.
 * Note: exceljs' reader drops a cached result of 0 from cell.value; cell.result keeps it.
 */
const dir = mkdtempSync(join(tmpdir(), 'review-workbook-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function build(
  opts: Partial<ReviewWorkbookOptions> = {},
  flows: CashFlowSource = cashFlows(),
  model: ReviewModel = fx.reviewModel(),
): Promise<ExcelJS.Workbook> {
  const file = join(dir, `review-${++n}.xlsx`);
  const out = createWriteStream(file);
  try {
    await writeReviewWorkbook(model, flows, out, { lang: 'zh', positionFlowCounts: flowCounts(), pooledFlows: pooledFlows(), ...opts });
  } catch (err) {
    // The caller's duty on failure: the file is incomplete. Wait for the stream to close, so it does not
    // open its file after the folder is gone (a refusal can come before the stream has opened).
    await new Promise<void>((resolve) => out.on('close', () => resolve()).destroy());
    throw err;
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name} in ${wb.worksheets.map((w) => w.name).join(', ')}`);
  return ws;
}

function headers(ws: ExcelJS.Worksheet): unknown[] {
  return (ws.getRow(1).values as unknown[]).slice(1);
}

/** Σ a_i / (1 + r)^((d_i − d_0)/365) over the cells XIRR reads (Excel's XIRR equation). */
function npvOverCells(ws: ExcelJS.Worksheet, amountCol: string, dateCol: string, first: number, last: number, rate: number): number {
  let npv = 0;
  const d0 = (ws.getCell(`${dateCol}${first}`).value as Date).getTime();
  for (let r = first; r <= last; r++) {
    const a = ws.getCell(`${amountCol}${r}`).value as number;
    const years = ((ws.getCell(`${dateCol}${r}`).value as Date).getTime() - d0) / 86_400_000 / 365;
    npv += a / Math.pow(1 + rate, years);
  }
  return npv;
}

/**
 * Independently of any XIRR code: the cached six-place rate is the root of the referenced
 * cells' NPV rounded to six places, i.e. the NPV changes sign within half a unit of the 6th place.
 */
function expectRootOfCells(ws: ExcelJS.Worksheet, amountCol: string, dateCol: string, first: number, last: number, rate: number): void {
  const below = npvOverCells(ws, amountCol, dateCol, first, last, rate - 5e-7);
  const above = npvOverCells(ws, amountCol, dateCol, first, last, rate + 5e-7);
  expect(Math.sign(below) * Math.sign(above)).toBe(-1);
}

const ZH_SHEETS = ['封面', '规则检查', '组合汇总', '分类', '年份', '持仓', '年度早期投资占比', '承接', '份额转让', '尽职免责', '超出容忍度亏损', '汇总现金流', '现金流1'];
const EN_SHEETS = ['Cover', 'RuleChecks', 'Portfolio', 'Categories', 'Vintages', 'Positions', 'AnnualAllocation', 'Handoffs', 'SecondaryPurchases', 'Exemptions', 'LossesBeyondTolerance', 'PooledFlows', 'CashFlows1'];

// Positions sheet: A kind, B code, C name, D category/stage, E status, F vintage, G FoF share,
// then H commitment, I paid-in, J distributed, K NAV, L unfunded, M DPI, N RVPI, O TVPI,
// P IRR, Q IRR note, R loss, S loss ratio, T value added. Rows: 2 seed fund, 3 VC fund, 4 direct.
describe('review workbook (zh, positionFlowCounts given)', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = await build();
  });

  it('has the sheets of domain.md in order, Chinese names, positions before the cash flows', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(ZH_SHEETS);
  });

  it('labels headers, statuses and vocabularies in Chinese', () => {
    expect(headers(sheet(wb, '持仓'))).toEqual([
      '类型', '代码', '名称', '类别/阶段', '状态', '年份', '政府出资占比',
      '认缴出资', '实缴出资', '累计分配', '净值', '未缴出资', 'DPI', 'RVPI', 'TVPI', '内部收益率(XIRR)', '收益率说明', '亏损额', '亏损率', '增值收益',
    ]);
    expect(headers(sheet(wb, '现金流1'))).toEqual(['持仓代码', '持仓名称', '类别/阶段', '类型', '日期', '金额（流入为正）']);
    const checks = sheet(wb, '规则检查');
    expect(headers(checks).slice(0, 5)).toEqual(['规则', '条款', '对象类型', '对象', '期间']);
    expect(checks.getCell('K2').value).toBe('通过');
    expect(checks.getCell('K3').value).toBe('不通过');
    expect(checks.getCell('L3').value).toBe('2020 年早期投资占比 0.00% 低于下限 20.00%');
    const positions = sheet(wb, '持仓');
    expect(positions.getRow(2).values).toEqual(expect.arrayContaining(['子基金', 'SF-SEED-1', '武汉种子一号', '种子基金', '投资期']));
    // SEED of a direct investment is a stage, STARTUP here: 初创期, not 种子基金.
    expect([positions.getCell('A4').value, positions.getCell('D4').value, positions.getCell('E4').value]).toEqual(['直投', '初创期', '已核销']);
    expect(positions.getCell('Q4').value).toBe('现金流无正负变化，无收益率');
  });

  it('freezes a bold header row and filters over header and data on every sheet', () => {
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getCell('A1').font?.bold).toBe(true);
      const width = headers(ws).length;
      expect(ws.autoFilter).toBe(`A1:${String.fromCharCode(64 + width)}${ws.rowCount}`);
    }
    expect(sheet(wb, '持仓').autoFilter).toBe('A1:T4');
    expect(sheet(wb, '现金流1').autoFilter).toBe('A1:F11');
  });

  it('formats yuan, multiples, shares and dates, with amounts as numbers and dates as real dates', () => {
    const ws = sheet(wb, '持仓');
    expect(ws.getCell('H2').numFmt).toBe('#,##0.00');
    expect(ws.getCell('H2').value).toBe(10_000_000);
    expect(['M2', 'N2', 'O2'].map((a) => ws.getCell(a).numFmt)).toEqual(['0.0000', '0.0000', '0.0000']);
    expect(['G2', 'P2', 'S2'].map((a) => ws.getCell(a).numFmt)).toEqual(['0.00%', '0.00%', '0.00%']);
    expect(ws.getCell('G2').value).toBe(0.4);
    const cf = sheet(wb, '现金流1');
    expect(cf.getCell('E2').numFmt).toBe('yyyy-mm-dd');
    expect(cf.getCell('E2').value).toEqual(new Date('2021-03-01T00:00:00Z'));
    expect(cf.getCell('F2').numFmt).toBe('#,##0.00');
    expect(cf.getCell('F2').value).toBe(-4_000_000);
    expect(sheet(wb, '封面').getCell('B5').value).toEqual(new Date('2024-12-31T00:00:00Z'));
    const checks = sheet(wb, '规则检查');
    expect([checks.getCell('G3').numFmt, checks.getCell('I3').numFmt]).toEqual(['0.00%', '#,##0.00']);
    expect(checks.getCell('I3').value).toBe(-1_000_000);
  });

  it('writes multiples, unfunded, loss and value added as formulas over the row, caching the model figures', () => {
    const ws = sheet(wb, '持仓');
    const f = (a: string) => [ws.getCell(a).formula, ws.getCell(a).result];
    expect(f('L2')).toEqual(['H2-I2', 4_000_000]);
    expect(f('M2')).toEqual(['IFERROR(J2/I2,"")', 0.166667]);
    expect(f('N2')).toEqual(['IFERROR(K2/I2,"")', 1.083333]);
    expect(f('O2')).toEqual(['IFERROR((J2+K2)/I2,"")', 1.25]);
    expect(f('R2')).toEqual(['MAX(0,I2-J2-K2)', 0]);
    expect(f('T2')).toEqual(['MAX(0,J2+K2-I2)', 1_500_000]);
    expect(f('O3')).toEqual(['IFERROR((J3+K3)/I3,"")', 0.5]);
    expect(f('R3')).toEqual(['MAX(0,I3-J3-K3)', 2_500_000]);
    expect(f('S3')).toEqual(['IFERROR(R3/I3,"")', 0.5]);
    expect(f('S4')).toEqual(['IFERROR(R4/I4,"")', 1]);
    // The portfolio's own cells: A code, B name, C positions, D commitment, E paid-in, F distributed,
    // G NAV, H unfunded, I DPI, J RVPI, K TVPI, L IRR, M note, N loss, O loss ratio, P value added.
    const p = sheet(wb, '组合汇总');
    expect([p.getCell('I2').formula, p.getCell('I2').result]).toEqual(['IFERROR(F2/E2,"")', 0.125]);
    expect([p.getCell('K2').formula, p.getCell('K2').result]).toEqual(['IFERROR((F2+G2)/E2,"")', 0.833333]);
    expect([p.getCell('N2').formula, p.getCell('N2').result]).toEqual(['MAX(0,E2-F2-G2)', 2_000_000]);
    expect([p.getCell('O2').formula, p.getCell('O2').result]).toEqual(['IFERROR(N2/E2,"")', 0.166667]);
  });

  it('points each position IRR at exactly its block of the cash-flow sheet and caches the model irr', () => {
    const ws = sheet(wb, '持仓');
    const cf = sheet(wb, '现金流1');
    const blocks: Array<[row: number, first: number, last: number, code: string]> = [
      [2, 2, 5, 'SF-SEED-1'],
      [3, 6, 9, 'SF-VC-1'],
    ];
    for (const [row, first, last, code] of blocks) {
      const cell = ws.getCell(`P${row}`);
      expect(cell.formula).toBe(`XIRR('现金流1'!$F$${first}:$F$${last},'现金流1'!$E$${first}:$E$${last})`);
      expect(cell.result).toBe(Number(fx.POSITIONS[row - 2]!.figures.irr));
      // The range is the whole block, and only it: the rows around belong to other positions.
      for (let r = first; r <= last; r++) expect(cf.getCell(`A${r}`).value).toBe(code);
      expect(cf.getCell(`A${first - 1}`).value).not.toBe(code);
      expect(cf.getCell(`A${last + 1}`).value).not.toBe(code);
      expect(cf.getCell(`D${last}`).value).toBe('期末净值');
      expectRootOfCells(cf, 'F', 'E', first, last, cell.result as number);
    }
    const none = ws.getCell('P4');
    expect(none.formula).toBe(`IFERROR(XIRR('现金流1'!$F$10:$F$11,'现金流1'!$E$10:$E$11),"")`);
    // Written as <v></v> with t="str"; exceljs' reader turns an empty cached string into undefined.
    expect(none.result ?? '').toBe('');
  });

  it('points portfolio, category and vintage IRRs at their pooled series', () => {
    const pooled = sheet(wb, '汇总现金流');
    // Portfolio: A code, B name, C positions, D commitment … IRR in L.
    const p = sheet(wb, '组合汇总').getCell('L2');
    expect(p.formula).toBe(`XIRR('汇总现金流'!$E$2:$E$9,'汇总现金流'!$D$2:$D$9)`);
    expect(p.result).toBe(-0.048589);
    expect([pooled.getCell('A2').value, pooled.getCell('C9').value, pooled.getCell('E9').value]).toEqual(['PORTFOLIO', '期末净值', 8_500_000]);
    expectRootOfCells(pooled, 'E', 'D', 2, 9, -0.048589);
    // Categories: A code, B label, C positions, D.. figures: IRR in L. SEED rows 10–13, VC 14–17.
    const cats = sheet(wb, '分类');
    expect([cats.getCell('A3').value, cats.getCell('B3').value]).toEqual(['VC', '创业投资基金']);
    expect(cats.getCell('L3').formula).toBe(`XIRR('汇总现金流'!$E$14:$E$17,'汇总现金流'!$D$14:$D$17)`);
    expect(cats.getCell('L3').result).toBe(-0.147567);
    // Vintages: A year, B positions, C.. figures: IRR in K. 2021 = the seed fund, rows 24–27.
    const vint = sheet(wb, '年份');
    expect(vint.getCell('K3').formula).toBe(`XIRR('汇总现金流'!$E$24:$E$27,'汇总现金流'!$D$24:$D$27)`);
    expect(vint.getCell('K3').result).toBe(0.069904);
  });

  it('writes shares and the discount to NAV as formulas with cached results', () => {
    const annual = sheet(wb, '年度早期投资占比');
    expect([annual.getCell('E3').formula, annual.getCell('E3').result]).toEqual(['IFERROR(D3/C3,"")', 1]);
    const handoffs = sheet(wb, '承接');
    expect([handoffs.getCell('C2').value, handoffs.getCell('F2').formula, handoffs.getCell('F2').result]).toEqual(['光谷创投一号', 'IFERROR(E2/D2,"")', 0.075]);
    const s = sheet(wb, '份额转让');
    expect([s.getCell('K2').formula, s.getCell('K2').result, s.getCell('L2').value]).toEqual(['IFERROR(1-J2/H2,"")', 0.15, 500_000]);
  });

  it('stores text that looks like a formula as text, prefixed with a quote', () => {
    const name = sheet(wb, '持仓').getCell('C4');
    expect(name.type).toBe(ExcelJS.ValueType.String);
    expect(name.value).toBe(`'${fx.INJECTED_NAME}`);
    expect(name.formula).toBeUndefined();
    expect(sheet(wb, '现金流1').getCell('B10').value).toBe(`'${fx.INJECTED_NAME}`);
    expect(sheet(wb, '份额转让').getCell('D2').value).toBe("'-某银行理财子公司");
    expect(sheet(wb, '持仓').getCell('C2').value).toBe('武汉种子一号');
  });
});

describe('review workbook options', () => {
  it('names sheets, headers, statuses and explanations in English with lang=en', async () => {
    const wb = await build({ lang: 'en' });
    expect(wb.worksheets.map((w) => w.name)).toEqual(EN_SHEETS);
    const positions = sheet(wb, 'Positions');
    expect(headers(positions).slice(0, 9)).toEqual(['Kind', 'Code', 'Name', 'Category / stage', 'Status', 'Vintage', 'FoF share', 'Commitment', 'Paid-in']);
    expect(positions.getCell('P2').formula).toBe(`XIRR('CashFlows1'!$F$2:$F$5,'CashFlows1'!$E$2:$E$5)`);
    const checks = sheet(wb, 'RuleChecks');
    expect([checks.getCell('K2').value, checks.getCell('K3').value]).toEqual(['Pass', 'Fail']);
    expect(checks.getCell('L2').value).toBe('Loss ratio 0.00% is within the 80.00% tolerance');
    expect(sheet(wb, 'CashFlows1').getCell('D5').value).toBe('Closing NAV');
  });

  it('splits cash flows across sheets without cutting a position block, when a sheet is full', async () => {
    // 8 rows a sheet: seed fund rows 2–5 and VC fund rows 6–9 fill 现金流1; the direct
    // investment's 2 rows do not fit and open 现金流2 at row 2.
    const wb = await build({ maxRowsPerSheet: 8 });
    expect(wb.worksheets.map((w) => w.name)).toEqual([...ZH_SHEETS, '现金流2']);
    expect(sheet(wb, '现金流1').rowCount).toBe(9);
    expect(sheet(wb, '现金流2').getCell('A2').value).toBe('DI-001');
    const ws = sheet(wb, '持仓');
    expect(ws.getCell('P3').formula).toBe(`XIRR('现金流1'!$F$6:$F$9,'现金流1'!$E$6:$E$9)`);
    expect(ws.getCell('P4').formula).toBe(`IFERROR(XIRR('现金流2'!$F$2:$F$3,'现金流2'!$E$2:$E$3),"")`);
  });

  it('without positionFlowCounts writes the positions sheet after the cash flows, with the same ranges', async () => {
    async function* stream(): AsyncGenerator<CashFlowRow> {
      yield* cashFlows();
    }
    const progress: number[] = [];
    const wb = await build({ positionFlowCounts: undefined, maxRowsPerSheet: 8, onProgress: (rows) => progress.push(rows) }, stream());
    expect(wb.worksheets.map((w) => w.name)).toEqual([...ZH_SHEETS.filter((s) => s !== '持仓' && s !== '现金流1'), '现金流1', '现金流2', '持仓']);
    const ws = sheet(wb, '持仓');
    expect(ws.getCell('P2').formula).toBe(`XIRR('现金流1'!$F$2:$F$5,'现金流1'!$E$2:$E$5)`);
    expect(ws.getCell('P4').formula).toBe(`IFERROR(XIRR('现金流2'!$F$2:$F$3,'现金流2'!$E$2:$E$3),"")`);
    expect(progress.at(-1)).toBe(10);
  });

  it('takes the cash flows in batches (as the database reads them) and writes the same rows as one by one', async () => {
    const rows = cashFlows();
    async function* batches(): AsyncGenerator<CashFlowRow[]> {
      yield rows.slice(0, 3); // a batch may end in the middle of a position's block
      yield [];
      yield rows.slice(3, 9);
      yield rows.slice(9);
    }
    const values = (wb: ExcelJS.Workbook) => sheet(wb, '现金流1').getSheetValues().map((r) => JSON.stringify(r));
    const one = await build({}, rows);
    const batched = await build({}, batches());
    expect(values(batched)).toEqual(values(one));
    expect(sheet(batched, '现金流1').rowCount).toBe(rows.length + 1);
    expect(sheet(batched, '持仓').getCell('P3').formula).toBe(sheet(one, '持仓').getCell('P3').formula);
  });

  it('rejects cash flows that disagree with positionFlowCounts, since the positions sheet already points at the plan', async () => {
    const counts = flowCounts();
    counts.set('p1', 3);
    await expect(build({ positionFlowCounts: counts })).rejects.toThrow(/SF-SEED-1 \(p1\)/);
    const reordered = [...cashFlows().slice(4, 8), ...cashFlows().slice(0, 4), ...cashFlows().slice(8)];
    await expect(build({}, reordered)).rejects.toThrow(/SF-VC-1/);
  });

  it('rejects a position whose flows come in two separate blocks', async () => {
    const flows = cashFlows();
    const split = [...flows.slice(0, 2), ...flows.slice(4, 8), ...flows.slice(2, 4), ...flows.slice(8)];
    await expect(build({ positionFlowCounts: undefined }, split)).rejects.toThrow(/two separate blocks/);
  });

  it('keys blocks by position id: a sub-fund and a direct investment sharing a code keep their own rows', async () => {
    // Codes are unique per table only: give the direct investment (p3) the VC fund's (p2) code.
    // Rows: seed fund 2–5, VC fund 6–9, direct investment 10–11, whether planned or not.
    const model = fx.reviewModel();
    model.positions = model.positions.map((p) => (p.id === 'p3' ? { ...p, code: 'SF-VC-1' } : p));
    const flows = () => cashFlows().map((r) => (r.positionId === 'p3' ? { ...r, positionCode: 'SF-VC-1' } : r));
    const counts = new Map([
      ['p1', 4],
      ['p2', 4],
      ['p3', 2],
    ]);
    for (const positionFlowCounts of [counts, undefined]) {
      const wb = await build({ positionFlowCounts }, flows(), model);
      const ws = sheet(wb, '持仓');
      expect([ws.getCell('B3').value, ws.getCell('B4').value]).toEqual(['SF-VC-1', 'SF-VC-1']);
      expect(ws.getCell('P3').formula).toBe(`XIRR('现金流1'!$F$6:$F$9,'现金流1'!$E$6:$E$9)`);
      expect(ws.getCell('P4').formula).toBe(`IFERROR(XIRR('现金流1'!$F$10:$F$11,'现金流1'!$E$10:$E$11),"")`);
      const cf = sheet(wb, '现金流1');
      expect([6, 9, 10, 11].map((r) => [cf.getCell(`A${r}`).value, cf.getCell(`C${r}`).value])).toEqual([
        ['SF-VC-1', '创业投资基金'],
        ['SF-VC-1', '创业投资基金'],
        ['SF-VC-1', '初创期'],
        ['SF-VC-1', '初创期'],
      ]);
    }
  });

  it('labels each pooled row as the caller says: a last row that is a flow is not called the NAV', async () => {
    const series: PooledFlowSeries[] = [
      { group: 'CATEGORY:DIRECT', rows: [{ date: '2022-05-10', amount: '-1000000.00', type: 'FLOW' }, { date: '2023-05-10', amount: '200000.00', type: 'FLOW' }] },
      { group: 'PORTFOLIO', rows: [{ date: '2022-05-10', amount: '-1000000.00', type: 'FLOW' }, { date: fx.AS_OF, amount: '1000.00', type: 'FLOW' }, { date: fx.AS_OF, amount: '900000.00', type: 'NAV' }] },
    ];
    for (const [lang, name, flow, nav] of [['zh', '汇总现金流', '当日净现金流', '期末净值'], ['en', 'PooledFlows', 'Net flow of the day', 'Closing NAV']] as const) {
      const ws = sheet(await build({ lang, pooledFlows: series }), name);
      expect([2, 3, 4, 5, 6].map((r) => ws.getCell(`C${r}`).value)).toEqual([flow, flow, flow, flow, nav]);
    }
  });

  it('lists the losses beyond tolerance by decision: a PARTIAL case on both sides, then those not decided', async () => {
    const line = (subjectType: string, subjectId: string, subjectLabel: string, amount: string, caseId: string | null) => ({
      ruleId: subjectType === 'SUB_FUND' ? 'loss-tolerance-seed-fund' : 'loss-tolerance-direct-project', subjectType, subjectId, subjectLabel, amount, caseId,
    });
    const model: ReviewModel = {
      ...fx.reviewModel(),
      lossesBeyondTolerance: {
        exempt: [line('DIRECT_INVESTMENT', 'p3', 'DI-001', '600000.00', 'case-1')],
        notExempt: [line('DIRECT_INVESTMENT', 'p3', 'DI-001', '400000.00', 'case-1')],
        pending: [line('SUB_FUND', 'p1', '=SF-SEED-1', '900000.00', null)],
      },
    };
    for (const [lang, name, rows] of [
      ['zh', '超出容忍度亏损', [['免责', '直投项目'], ['不予免责', '直投项目'], ['尚无结论', '子基金']]],
      ['en', 'LossesBeyondTolerance', [['Exempt', 'Direct investment'], ['Not exempt', 'Direct investment'], ['Not decided', 'Sub-fund']]],
    ] as const) {
      const ws = sheet(await build({ lang }, cashFlows(), model), name);
      expect(ws.rowCount).toBe(4);
      expect([2, 3, 4].map((r) => [ws.getCell(`A${r}`).value, ws.getCell(`C${r}`).value])).toEqual(rows);
      expect([2, 3, 4].map((r) => [ws.getCell(`B${r}`).value, ws.getCell(`D${r}`).value, ws.getCell(`E${r}`).value, ws.getCell(`F${r}`).value])).toEqual([
        ['loss-tolerance-direct-project', 'DI-001', 600000, 'case-1'],
        ['loss-tolerance-direct-project', 'DI-001', 400000, 'case-1'],
        ['loss-tolerance-seed-fund', "'=SF-SEED-1", 900000, null],
      ]);
      expect(ws.getCell('E2').numFmt).toBe('#,##0.00');
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
  });

  it('refuses a review whose figures a spreadsheet cell cannot hold, before writing a byte, naming them', async () => {
    const model = fx.reviewModel();
    model.positions[1] = { ...model.positions[1]!, figures: { ...model.positions[1]!.figures, paidIn: '12345678901234.56' } };
    const out = new PassThrough();
    let bytes = 0;
    out.on('data', (c: Buffer) => (bytes += c.length));
    const err = await writeReviewWorkbook(model, cashFlows(), out, { lang: 'zh', positionFlowCounts: flowCounts(), pooledFlows: pooledFlows() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'CONFLICT', details: [{ path: 'positions[1] SF-VC-1.paidIn', reason: expect.stringContaining('12345678901234.56') }] });
    expect(bytes).toBe(0);
  });

  it('refuses an amount a spreadsheet cell cannot hold to the fen', async () => {
    const flows = cashFlows();
    flows[0] = { ...flows[0]!, amount: '-12345678901234.56' };
    await expect(build({}, flows)).rejects.toThrow(/cannot be written exactly/);
  });
});
