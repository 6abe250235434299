import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { compareRecalculated, type FormulaCell, readFormulaCells } from './recalculated.js';
import { FMT } from '../cells.js';

type Cell = { formula: string; result: ExcelJS.CellFormulaValue['result']; numFmt?: string };

/** The formula cells of a one-sheet workbook, written and read back as the check reads files. */
async function book(cells: Record<string, Cell>, sheet = '持仓'): Promise<Map<string, FormulaCell>> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.getCell('A1').value = 100;
  ws.getCell('B1').value = 80;
  for (const [addr, c] of Object.entries(cells)) {
    const cell = ws.getCell(addr);
    cell.value = { formula: c.formula, result: c.result } as ExcelJS.CellFormulaValue;
    if (c.numFmt) cell.numFmt = c.numFmt;
  }
  return readFormulaCells(Buffer.from(await wb.xlsx.writeBuffer()));
}

const yuan = (result: number): Cell => ({ formula: 'A1-B1', result, numFmt: FMT.yuan });
const ratio = (result: number | string): Cell => ({ formula: 'IFERROR(B1/A1,"")', result: result as number, numFmt: FMT.multiple });
const xirr = (result: number | string): Cell => ({ formula: 'IFERROR(XIRR(A1:A2,B1:B2),"")', result: result as number, numFmt: FMT.percent });

describe('compareRecalculated', () => {
  it('takes yuan within half a fen and other numbers within 1e-6, and counts what the program recomputed', async () => {
    const ours = await book({ C1: yuan(20), D1: yuan(20), E1: ratio(0.833333), F1: ratio(0.833333), G1: xirr(0.125), H1: xirr(0.125) });
    const theirs = await book({ C1: yuan(20.004), D1: yuan(20.006), E1: ratio(0.8333333333), F1: ratio(0.833335), G1: xirr(0.1250009), H1: xirr(0.1250011) });
    const r = compareRecalculated(ours, theirs);
    expect(r.compared).toEqual({ xirr: 2, yuan: 2, ratio: 2, text: 0 });
    expect(r.recomputed).toBe(6);
    expect(r.disagreements.map((d) => d.cell)).toEqual(['D1', 'F1', 'H1']);
    expect(r.maxDifference.yuan).toBeCloseTo(0.006, 9);
    expect(r.maxDifference.ratio).toBeCloseTo(0.000002, 12);
  });

  it('takes numbers above 1 within 1e-6 of themselves', async () => {
    const r = compareRecalculated(await book({ G1: xirr(7.515336264876105e109), H1: xirr(12) }), await book({ G1: xirr(7.51533626487611e109), H1: xirr(12.000013) }));
    expect(r.disagreements.map((d) => d.cell)).toEqual(['H1']);
  });

  it('keeps a cached 0 as 0 and an IFERROR "" as text on both sides', async () => {
    const ours = await book({ C1: yuan(0), E1: ratio(''), G1: xirr('') });
    const same = compareRecalculated(ours, await book({ C1: yuan(0), E1: ratio(''), G1: xirr('') }));
    expect(same.disagreements).toEqual([]);
    expect(same.compared).toEqual({ xirr: 0, yuan: 1, ratio: 0, text: 2 });
    expect(same.recomputed).toBe(0);
    const found = compareRecalculated(ours, await book({ C1: yuan(0), E1: ratio(''), G1: xirr(0.05) }));
    expect(found.disagreements).toEqual([{ sheet: '持仓', cell: 'G1', formula: 'IFERROR(XIRR(A1:A2,B1:B2),"")', cached: '', recalculated: 0.05 }]);
  });

  it('never takes an error value or a cell that is no formula in the recalculated file', async () => {
    const ours = await book({ G1: xirr(0.125) });
    const err = compareRecalculated(ours, await book({ G1: xirr({ error: '#NUM!' } as unknown as string) }));
    expect(err.disagreements).toHaveLength(1);
    expect(err.disagreements[0]!.recalculated).toEqual({ error: '#NUM!' });
    const missing = compareRecalculated(ours, await book({ G1: xirr(0.125) }, 'Positions'));
    expect(missing.disagreements).toEqual([expect.objectContaining({ cell: 'G1', recalculated: '(no formula there)' })]);
  });
});
