import { describe, expect, it } from '@jest/globals';
import { columnLetter, date, decimal, irrCell, sheetRef, text, yuan } from './cells.js';

describe('cells', () => {
  it('prefixes text a spreadsheet would take for a formula with a quote, and nothing else', () => {
    expect(['=1+1', '+86 27', '-5', '@SUM(A1)', '\tx', '\rx'].map(text)).toEqual(["'=1+1", "'+86 27", "'-5", "'@SUM(A1)", "'\tx", "'\rx"]);
    expect(['武汉种子一号', 'a=b', ' =x', "'quoted", ''].map(text)).toEqual(['武汉种子一号', 'a=b', ' =x', "'quoted", '']);
    expect(text(null)).toBeNull();
  });

  it('turns yuan text into a number only where float64 and Excel keep it to the fen', () => {
    expect(yuan('1234567.89')).toBe(1234567.89);
    expect(yuan('-0.01')).toBe(-0.01);
    // 13 integer digits + 2 decimals = 15 significant digits: exact.
    expect(yuan('9999999999999.99').toFixed(2)).toBe('9999999999999.99');
    expect(() => yuan('10000000000000.00')).toThrow(RangeError);
    expect(() => yuan('1.234')).toThrow(RangeError);
    expect(() => yuan('abc')).toThrow(RangeError);
  });

  it('reads ratios and business dates', () => {
    expect(decimal('0.166667')).toBe(0.166667);
    expect(decimal(null)).toBeNull();
    expect(date('2024-02-29')).toEqual(new Date(Date.UTC(2024, 1, 29)));
    expect(() => date('2024-13-01')).toThrow(RangeError);
  });

  it('names columns and quotes sheet names for references', () => {
    expect([1, 20, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'T', 'Z', 'AA', 'AZ', 'AAA']);
    expect(sheetRef("O'Brien")).toBe("'O''Brien'!");
  });

  it('writes IRR as XIRR over the range, behind IFERROR when the model has no rate, as a value without a range', () => {
    const range = { sheet: '现金流1', amountColumn: 'F', dateColumn: 'E', firstRow: 2, lastRow: 5 };
    expect(irrCell(range, '0.069904')).toEqual({ formula: "XIRR('现金流1'!$F$2:$F$5,'现金流1'!$E$2:$E$5)", result: 0.069904 });
    expect(irrCell(range, null)).toEqual({ formula: `IFERROR(XIRR('现金流1'!$F$2:$F$5,'现金流1'!$E$2:$E$5),"")`, result: '' });
    expect(irrCell(undefined, '-0.5')).toBe(-0.5);
    expect(irrCell(undefined, null)).toBeNull();
  });

  it('passes the rate as the guess where XIRR needs it, and writes the value where no spreadsheet can reach it', () => {
    const range = { sheet: '现金流1', amountColumn: 'F', dateColumn: 'E', firstRow: 2, lastRow: 3 };
    expect(irrCell(range, '-0.999900', 'GUESS')).toEqual({ formula: "XIRR('现金流1'!$F$2:$F$3,'现金流1'!$E$2:$E$3,-0.999900)", result: -0.9999 });
    expect(irrCell(range, '0.100000', 'DEFAULT')).toEqual({ formula: "XIRR('现金流1'!$F$2:$F$3,'现金流1'!$E$2:$E$3)", result: 0.1 });
    expect(irrCell(range, '-1.000000', 'UNREACHABLE')).toBe(-1);
    // 2^365 − 1: the guess in E notation rather than 110 digits
    expect(irrCell(range, '75153362648761050000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000.000000', 'GUESS')).toEqual({
      formula: "XIRR('现金流1'!$F$2:$F$3,'现金流1'!$E$2:$E$3,7.515336264876105E+109)",
      result: 7.515336264876105e109,
    });
    expect((irrCell(range, '123456789.123456', 'GUESS') as { formula: string }).formula).toBe("XIRR('现金流1'!$F$2:$F$3,'现金流1'!$E$2:$E$3,123456789.123456)");
    expect(irrCell(range, null, null)).toEqual({ formula: `IFERROR(XIRR('现金流1'!$F$2:$F$3,'现金流1'!$E$2:$E$3),"")`, result: '' });
  });
});
