import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { formula, STYLE } from './cells.js';
import { type CellInput, TableSheet, type TableColumn } from './table-sheet.js';
import { zipEntries } from './testing/zip-entries.js';

/**
 * RowXmlWriter writes a sheet's rows as exceljs would: the same workbook written through TableSheet
 * and through exceljs' own rows (addRow, a style per cell, commit: what TableSheet did before) must
 * be the same file, part by part, byte for byte.
 */
const COLUMNS: TableColumn[] = [
  { header: '代码 code', width: 12 },
  { header: 'amount', width: 16, style: STYLE.yuan },
  { header: 'date', width: 12, style: STYLE.date },
  { header: 'ratio', width: 10, style: STYLE.percent },
  { header: 'note', width: 20 },
  { header: 'flag', width: 6 },
];
const ROW_STYLE = {};

const ROWS: Array<{ values: CellInput[]; styles?: Array<Partial<ExcelJS.Style> | undefined> }> = [
  { values: ['P-001', 1234567.89, new Date(Date.UTC(2024, 2, 1)), 0.125, '种子基金 <A&B> "q" \'s\'', true] },
  { values: ["'=HYPERLINK(1)", -0.01, new Date(Date.UTC(1960, 0, 1)), formula('IFERROR(B3/B2,"")', 1.5), 'ctrl\u0001\u0008\u000b\u001f\u007fend', false] },
  { values: ['', 0, null, formula('IFERROR(XIRR($B$2:$B$4,$C$2:$C$4),"")', ''), null, undefined] },
  { values: ['x'], styles: [STYLE.header] },
  { values: [null, 9999999999999.99, new Date(Date.UTC(2025, 11, 31)), formula('MAX(0,B2-B3)', 0), formula('"a"&"b"', 'ab'), 1e-7], styles: [STYLE.wrap, undefined, STYLE.plain, STYLE.multiple] },
  { values: ['tab\there', -1e21, new Date(Date.UTC(2000, 1, 29)), -0, 'line\nbreak\r\n', 42] },
];

async function xlsx(write: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => void): Promise<Map<string, Buffer>> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.created = wb.modified = new Date(Date.UTC(2026, 0, 1));
  write(wb);
  await wb.commit();
  return zipEntries(Buffer.concat(chunks));
}

/** The rows as exceljs writes them itself. */
function byExceljs(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  const header = ws.addRow(COLUMNS.map((c) => c.header));
  for (let i = 1; i <= COLUMNS.length; i++) header.getCell(i).style = STYLE.header;
  header.commit();
  for (const r of ROWS) {
    const row = ws.addRow(r.values as ExcelJS.CellValue[]);
    (row as unknown as { style: object }).style = ROW_STYLE;
    for (let i = 0; i < COLUMNS.length; i++) row.getCell(i + 1).style = r.styles?.[i] ?? COLUMNS[i]!.style ?? STYLE.plain;
    row.commit();
  }
  ws.autoFilter = `A1:F${ROWS.length + 1}`;
  ws.commit();
}

function byTableSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string): void {
  const sheet = new TableSheet(wb, name, COLUMNS);
  for (const r of ROWS) sheet.add(r.values, r.styles);
  sheet.close();
}

describe('RowXmlWriter', () => {
  it('writes every kind of cell exactly as exceljs does: text (escaped, control characters dropped), numbers, dates, booleans, blanks, formulas with number and text results, per-cell styles', async () => {
    // Two sheets each, so the second sheet meets styles the first one registered.
    const ours = await xlsx((wb) => {
      byTableSheet(wb, 'A');
      byTableSheet(wb, 'B');
    });
    const theirs = await xlsx((wb) => {
      byExceljs(wb, 'A');
      byExceljs(wb, 'B');
    });
    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    for (const [name, xml] of theirs) expect({ name, xml: ours.get(name)!.toString('utf8') }).toEqual({ name, xml: xml.toString('utf8') });
    // The comparison has something to compare: the rows are there.
    const sheet1 = ours.get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(sheet1).toContain('<c r="A2" t="str"><v>P-001</v></c>');
    expect(sheet1).toContain('种子基金 &lt;A&amp;B&gt; &quot;q&quot; &apos;s&apos;');
    expect(sheet1).toContain('<f>IFERROR(B3/B2,&quot;&quot;)</f><v>1.5</v>');
    expect(sheet1).toContain('<v>ctrlend</v>');
    // 2024-03-01 is Excel day 45352; 1960-01-01 is 21916.
    expect(sheet1).toMatch(/<c r="C2" s="\d+"><v>45352<\/v><\/c>/);
    expect(sheet1).toMatch(/<c r="C3" s="\d+"><v>21916<\/v><\/c>/);
  });

  it('refuses a row with more values than the table has columns, and a row added after the sheet was closed', async () => {
    await xlsx((wb) => {
      const sheet = new TableSheet(wb, 'A', COLUMNS);
      expect(() => sheet.add([1, 2, 3, 4, 5, 6, 7])).toThrow('a row of 7 values for 6 columns');
      sheet.close();
      expect(() => sheet.add([1])).toThrow(/uncommitted rows, no header yet, or is closed/);
    });
  });
});
