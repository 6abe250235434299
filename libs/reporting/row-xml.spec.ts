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
  // Rows without a value: exceljs writes nothing for them, styled or not.
  { values: [null, null, null, null, null, null] },
  { values: [], styles: [STYLE.header, STYLE.wrap] },
];
/** Enough rows to cross RowXmlWriter's 64 Ki-character batches several times. */
const BLOCK: CellInput[][] = Array.from({ length: 3000 }, (_, i) => [`P-${i % 7}`, (i * 1234567) / 100, new Date(Date.UTC(2014, 0, 1 + i)), formula(`B${i + 2}/2`, (i * 1234567) / 200), i % 5 ? '名称' : null, i % 2 === 0]);
const OWN_ROW: ExcelJS.CellValue[] = ['exceljs own row', 1, null, null, 'x', false];

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
/**
 * The rows as exceljs writes them itself: ROWS, one row of exceljs' own (unstyled), then BLOCK; the
 * sheet closed with its filter, or left open for the workbook's commit to end it.
 */
function byExceljs(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, close = true): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  const header = ws.addRow(COLUMNS.map((c) => c.header));
  for (let i = 1; i <= COLUMNS.length; i++) header.getCell(i).style = STYLE.header;
  header.commit();
  const add = (values: CellInput[], styles?: Array<Partial<ExcelJS.Style> | undefined>) => {
    const row = ws.addRow(values as ExcelJS.CellValue[]);
    (row as unknown as { style: object }).style = ROW_STYLE;
    for (let i = 0; i < COLUMNS.length; i++) row.getCell(i + 1).style = styles?.[i] ?? COLUMNS[i]!.style ?? STYLE.plain;
    row.commit();
  };
  for (const r of ROWS) add(r.values, r.styles);
  ws.addRow(OWN_ROW).commit();
  for (const values of BLOCK) add(values);
  if (!close) return;
  ws.autoFilter = `A1:F${ROWS.length + BLOCK.length + 2}`;
  ws.commit();
}

function byTableSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, close = true): void {
  const sheet = new TableSheet(wb, name, COLUMNS);
  const ws = sheet.worksheet; // taken before the rows: it hands nothing over when used below
  for (const r of ROWS) sheet.add(r.values, r.styles);
  // A row written through exceljs itself lands after the rows still waiting in RowXmlWriter.
  ws.addRow(OWN_ROW).commit();
  for (let i = 0; i < BLOCK.length; i++) {
    sheet.add(BLOCK[i]!);
    if (i % 1000 === 499) void sheet.worksheet; // what the backpressure watch does: hand the rows over
  }
  // Rows still wait in RowXmlWriter here: closing the sheet, or committing the workbook, writes them first.
  if (close) sheet.close();
}

describe('RowXmlWriter', () => {
  it('writes every kind of cell exactly as exceljs does: text (escaped, control characters dropped), numbers, dates, booleans, blanks, formulas with number and text results, per-cell styles', async () => {
    // Two sheets each, so the second sheet meets styles the first one registered.
    const ours = await xlsx((wb) => {
      byTableSheet(wb, 'A');
      byTableSheet(wb, 'B');
      byTableSheet(wb, 'C', false); // left open: the workbook's commit ends it, rows and all
    });
    const theirs = await xlsx((wb) => {
      byExceljs(wb, 'A');
      byExceljs(wb, 'B');
      byExceljs(wb, 'C', false);
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
    expect(sheet1).not.toContain('<row r="8"'); // the rows without a value
    expect(sheet1).toContain('<row r="10" spans="1:6" x14ac:dyDescent="0.25"><c r="A10" t="str"><v>exceljs own row</v></c>');
    // The last row, on the closed sheet and on the one the workbook's commit ended.
    const lastRow = (xml: string) => xml.slice(xml.lastIndexOf('<row '), xml.indexOf('</sheetData>'));
    expect(lastRow(sheet1)).toMatch(/^<row r="3010" spans="1:6" x14ac:dyDescent="0.25"><c r="A3010" t="str"><v>P-3<\/v><\/c>.*<\/row>$/);
    expect(lastRow(ours.get('xl/worksheets/sheet3.xml')!.toString('utf8'))).toBe(lastRow(sheet1));
  });

  it('refuses a value it does not write, naming the cell, instead of writing it as something else', async () => {
    await xlsx((wb) => {
      const sheet = new TableSheet(wb, 'A', COLUMNS);
      for (const bad of [{ formula: '', result: 1 }, { richText: [{ text: 'x' }] }, { formula: 'A1', result: null }, 10n, Symbol('s')]) {
        expect(() => sheet.add(['ok', bad as unknown as CellInput])).toThrow(/^cell B2: cannot write/);
      }
      sheet.add(['ok', 1]);
      sheet.close();
    });
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
