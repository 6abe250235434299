import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { ExemptionCase } from '../domain/exemption/case.js';
import type { ExemptionReportModel } from '../domain/exemption/report-model.js';
import { MANAGER, REVIEWER, reportModel, SHA, submittedCase } from '../domain/exemption/testing/exemption-fixtures.js';
import { DRAFT_MARKER } from './exemption-labels.js';
import { writeExemptionReport } from './exemption-report.js';

/**
 * Writes the hand-built report of a hand-off case (testing/exemption-fixtures.ts: 1,000,000.00 invested,
 * 700,000.00 lost, the angel fund's 60% tolerance inherited, computed PARTIAL 600,000.00 / 100,000.00) and
 * reads the file back with exceljs' ordinary reader, as a finance bureau's spreadsheet program would.
 */
const dir = mkdtempSync(join(tmpdir(), 'exemption-report-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function build(model: ExemptionReportModel, lang: 'zh' | 'en'): Promise<ExcelJS.Workbook> {
  const file = join(dir, `exemption-${++n}.xlsx`);
  const out = createWriteStream(file);
  try {
    await writeExemptionReport(model, out, { lang });
  } catch (err) {
    out.destroy();
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

/** Data rows (row 2 on) as arrays as wide as the header, an empty cell as null. */
function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const width = ws.getRow(1).cellCount;
  const out: unknown[][] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    out.push(Array.from({ length: width }, (_, i) => row.getCell(i + 1).value ?? null));
  }
  return out;
}

/** Every cell's text on every sheet (values and cached results), to look for a marker. */
function allText(wb: ExcelJS.Workbook): string {
  return wb.worksheets.flatMap((ws) => ws.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map((v) => (typeof v === 'string' ? v : '')) : []))).join('\n');
}

const ZH_SHEETS = ['封面', '事实与数据', '尽职清单', '负面清单', '客观原因', '结论', '审批记录', '政策依据'];
const EN_SHEETS = ['Cover', 'Facts', 'Checklist', 'NegativeList', 'ObjectiveCauses', 'Conclusion', 'ApprovalTrail', 'PolicyBasis'];

/** The submitted case, approved by hand with an override to EXEMPT. */
function approvedModel(): ExemptionReportModel {
  const c = submittedCase();
  const at = '2025-10-12T02:15:00.000Z';
  const approved: ExemptionCase = {
    ...c,
    state: 'APPROVED',
    decision: {
      conclusion: 'EXEMPT',
      computedConclusion: 'PARTIAL',
      overridden: true,
      overrideReason: '行业性下行，已履职',
      exemptAmount: '700000.00',
      nonExemptAmount: '0.00',
      decidedBy: REVIEWER,
      decidedAt: at,
    },
    trail: [...c.trail, { at, actor: REVIEWER, action: 'APPROVE', from: 'SUBMITTED', to: 'APPROVED', comment: '同意', overrideReason: '行业性下行，已履职' }],
  };
  return { ...reportModel(approved), generatedAt: '2025-10-12T03:00:00.000Z' };
}

describe('exemption report (zh, submitted: not approved)', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = await build(reportModel(), 'zh');
  });

  it('has the eight sheets in order, each with a frozen bold header', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(ZH_SHEETS);
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getCell('A1').font?.bold).toBe(true);
    }
  });

  it('cover: title, the draft marker, case number, FoF, subject, dates, status', () => {
    const ws = sheet(wb, '封面');
    expect(ws.getCell('B2').value).toBe('尽职免责评估报告');
    expect([ws.getCell('A3').value, ws.getCell('B3').value]).toEqual(['报告状态', DRAFT_MARKER]);
    expect(DRAFT_MARKER).toBe('草稿/未批准 DRAFT — NOT APPROVED');
    expect(ws.getCell('B3').font?.color?.argb).toBe('FFC00000');
    const byLabel = new Map(rowsOf(ws).map((r) => [r[0], r[1]]));
    expect(byLabel.get('评估编号')).toBe('WH-MJ-2025-001');
    expect(byLabel.get('政府投资基金名称')).toBe('武汉市政府投资母基金');
    expect(byLabel.get('评估对象')).toBe('乙公司（承接自天使基金）');
    expect(byLabel.get('对象类型')).toBe('子基金投资项目');
    expect(byLabel.get('立案原因')).toBe('亏损超出容忍度');
    expect(byLabel.get('事实基准日')).toEqual(new Date(Date.UTC(2025, 8, 30)));
    expect(byLabel.get('最近提交时间')).toBe('2025-10-09T10:30:00.000Z');
    expect(byLabel.get('流程状态')).toBe('已提交，待审核');
    expect(byLabel.get('系统计算结论')).toBe('部分免责');
    expect(byLabel.get('最终决定')).toBe('尚未决定');
    expect(byLabel.get('政策包版本')).toBe(3);
  });

  it('no text cell anywhere starts with a formula trigger (user text is escaped, labels never start with one)', () => {
    const unsafe: string[] = [];
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string' && /^[=+\-@\t\r]/.test(cell.value)) unsafe.push(`${ws.name}!${cell.address}: ${cell.value}`);
        }),
      );
    expect(unsafe).toEqual([]);
  });

  it('every sheet prints the draft marker in its page header', () => {
    for (const ws of wb.worksheets) expect(ws.headerFooter.oddHeader).toContain(DRAFT_MARKER);
  });

  it('facts: figures as numbers, the loss and loss ratio as formulas over the sheet’s own cells with cached values', () => {
    const ws = sheet(wb, '事实与数据');
    expect([ws.getCell('B2').value, ws.getCell('B3').value, ws.getCell('B4').value]).toEqual([1000000, 50000, 250000]);
    expect(ws.getCell('B5').formula).toBe('MAX(0,B2-B3-B4)');
    expect(ws.getCell('B5').result).toBe(700000);
    expect(ws.getCell('B6').formula).toBe('IFERROR(B5/B2,"")');
    expect(ws.getCell('B6').result).toBe(0.7);
    expect(ws.getCell('B6').numFmt).toBe('0.00%');
    // The cached results agree with the referenced cells.
    const [inv, rec, rem] = ['B2', 'B3', 'B4'].map((a) => ws.getCell(a).value as number);
    expect(ws.getCell('B5').result).toBe(Math.max(0, inv! - rec! - rem!));
    expect(ws.getCell('B6').result).toBeCloseTo((ws.getCell('B5').result as number) / inv!, 12);
    expect(ws.getCell('B7').value).toBe(0.6);
    expect(ws.getCell('C7').value).toBe('承接自天使基金「光谷天使基金」，沿用其容忍度（§二(一)4）');
    expect(ws.getCell('B8').formula).toBe('ROUNDDOWN(B2*B7,2)');
    expect(ws.getCell('B8').result).toBe(600000);
    expect([ws.getCell('A9').value, ws.getCell('B9').value]).toEqual(['是否在容忍范围内', '否']);
    expect(ws.getCell('B11').value).toBe('loss-tolerance-angel-fund');
  });

  it('checklist: one row per evidence document with its hash; text escaped against formula injection', () => {
    const ws = sheet(wb, '尽职清单');
    const rows = rowsOf(ws);
    // A no, B code, C duty, D performed, E note, F source, G evidence no, H title, I document no, J date, K file, L SHA-256, M size, N type
    expect(rows.map((r) => [r[1], r[3], r[6], r[11]])).toEqual([
      ['PROJECT_APPROVAL', '已履行', 1, SHA.approval],
      ['DUE_DILIGENCE_REPORT', '已履行', 2, SHA.ddReport],
      ['INVESTMENT_DECISION', '已履行', 3, SHA.decision],
      ['INVESTMENT_DECISION', '已履行', 4, SHA.risk],
      ['POST_INVESTMENT_MANAGEMENT', '已履行', 5, SHA.postInvestment],
      ['RISK_HANDLING', '已履行', null, null],
    ]);
    expect(rows[0]!.slice(7, 10)).toEqual(['立项批复', '光谷创投立〔2025〕3号', new Date(Date.UTC(2025, 0, 10))]);
    expect(rows[0]![12]).toBe(182304);
    expect(ws.getCell('H5').value).toBe(`'=HYPERLINK("http://x")`);
    expect(ws.getCell('H5').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('K5').value).toBe(`'=cmd.png`);
    expect(rows[5]![4]).toBe('2025-05 市场下行后即召开风险处置会');
  });

  it('negative list and objective causes: each pack item with its answer', () => {
    expect(rowsOf(sheet(wb, '负面清单')).map((r) => [r[1], r[2], r[3]])).toEqual([
      ['VIOLATION_OF_LAW', '违反法律法规', '不存在'],
      ['VIOLATION_OF_PROCEDURE', '违反决策程序', '不存在'],
      ['BENEFIT_TRANSFER', '利益输送', '不存在'],
      ['FALSIFICATION', '弄虚作假', '不存在'],
      ['PRIVATE_GAIN', '谋取私利', '不存在'],
    ]);
    const causes = rowsOf(sheet(wb, '客观原因'));
    expect(causes.map((r) => [r[1], r[3]])).toEqual([
      ['FORCE_MAJEURE', '不存在'],
      ['POLICY_CHANGE', '不存在'],
      ['TECHNOLOGY_RISK', '不存在'],
      ['MARKET_RISK', '存在'],
    ]);
    expect(causes[3]![4]).toBe('下游需求萎缩');
  });

  it('conclusion: the computed conclusion beside the (pending) final decision, amounts and reasons', () => {
    const ws = sheet(wb, '结论');
    expect([ws.getCell('B1').value, ws.getCell('C1').value]).toEqual(['系统计算结论', '最终决定']);
    expect([ws.getCell('B2').value, ws.getCell('C2').value]).toEqual(['部分免责', '尚未决定']);
    expect(ws.getCell('B3').value).toBe('BEYOND_TOLERANCE_OBJECTIVE_CAUSE');
    expect([ws.getCell('B4').value, ws.getCell('B5').value, ws.getCell('B6').value]).toEqual([600000, 100000, 600000]);
    expect(ws.getCell('A10').value).toBe('理由 1');
    expect(ws.getCell('B10').value).toContain('容忍额内 600,000.00 元 免责，超出部分 100,000.00 元 不予免责');
    expect(ws.getCell('D10').value).toBe('BEYOND_TOLERANCE_OBJECTIVE_CAUSE');
    expect(ws.getCell('D11').value).toBe('LOSS_AGAINST_TOLERANCE');
  });

  it('approval trail: who, role, when, action, states, comment', () => {
    expect(rowsOf(sheet(wb, '审批记录'))).toEqual([
      [1, '2025-10-08T09:00:00.000Z', MANAGER.name, '基金管理人员', '立案', null, '草稿', null, null],
      [2, '2025-10-09T10:30:00.000Z', MANAGER.name, '基金管理人员', '提交', '草稿', '已提交，待审核', '请审核', null],
    ]);
  });

  it('policy basis: the pack, its revision and the clauses applied', () => {
    const rows = rowsOf(sheet(wb, '政策依据'));
    expect(rows[0]!.slice(0, 2)).toEqual(['政策包', 'wuhan-2025']);
    expect(rows[2]!.slice(0, 2)).toEqual(['政策包版本', 3]);
    expect(rows.slice(4).map((r) => r[1])).toEqual(['§二(一)5', '§二(一)4']);
    expect(rows[5]![2]).toBe('承接投资适用种子基金、天使基金容错免责政策');
  });
});

describe('exemption report (en, approved with an override)', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = await build(approvedModel(), 'en');
  });

  it('has the English sheet names and no draft marker anywhere', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(EN_SHEETS);
    expect(allText(wb)).not.toContain('DRAFT');
    for (const ws of wb.worksheets) expect(ws.headerFooter.oddHeader ?? '').not.toContain('DRAFT');
    expect(sheet(wb, 'Cover').getCell('B3').value).toBe('Approved');
    expect(sheet(wb, 'Cover').getCell('B2').value).toBe('Due-diligence exemption assessment report');
  });

  it('keeps the computed conclusion beside the overriding final decision and its reason', () => {
    const ws = sheet(wb, 'Conclusion');
    expect([ws.getCell('B2').value, ws.getCell('C2').value]).toEqual(['Partly exempt', 'Exempt']);
    expect(ws.getCell('C3').value).toBe('Overridden (see reason)');
    expect([ws.getCell('C4').value, ws.getCell('C5').value]).toEqual([700000, 0]);
    expect(ws.getCell('C7').value).toBe('行业性下行，已履职');
    expect(ws.getCell('C8').value).toBe('李审核（Reviewer (finance bureau)）');
    expect(ws.getCell('C9').value).toBe('2025-10-12T02:15:00.000Z');
    expect(ws.getCell('B10').value).toContain('CNY 600,000.00 within the tolerance is exempt');
  });

  it('the trail ends with the approval, its comment and override reason', () => {
    expect(rowsOf(sheet(wb, 'ApprovalTrail')).at(-1)).toEqual([3, '2025-10-12T02:15:00.000Z', '李审核', 'Reviewer (finance bureau)', 'Approved', 'Submitted, awaiting review', 'Approved', '同意', '行业性下行，已履职']);
  });

  it('facts labels in English, same formulas', () => {
    const ws = sheet(wb, 'Facts');
    expect([ws.getCell('A6').value, ws.getCell('B6').formula, ws.getCell('B6').result]).toEqual(['Loss ratio', 'IFERROR(B5/B2,"")', 0.7]);
  });
});

it('refuses an unknown language before writing anything', async () => {
  const out = new PassThrough();
  let bytes = 0;
  out.on('data', (b: Buffer) => (bytes += b.length));
  await expect(writeExemptionReport(reportModel(), out, { lang: 'fr' as 'zh' })).rejects.toThrow(RangeError);
  expect(bytes).toBe(0);
});
