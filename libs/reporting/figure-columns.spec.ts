import { describe, expect, it } from '@jest/globals';
import type { FigureSet } from '../domain/figures/position-figures.js';
import { figureCells } from './figure-columns.js';
import { IRR_NOTE } from './labels.js';

const RANGE = { sheet: '现金流1', amountColumn: 'F', dateColumn: 'E', firstRow: 2, lastRow: 3 };
const base: FigureSet = {
  commitment: '100.00', paidIn: '100.00', distributed: '0.01', nav: '0.00', unfunded: '0.00',
  dpi: '0.000100', rvpi: '0.000000', tvpi: '0.000100',
  irr: '-0.999900', irrReason: 'OK', irrMultipleRoots: false, irrSpreadsheet: 'DEFAULT',
  loss: '99.99', lossRatio: '0.999900', valueAdded: '0.00',
};
/** The IRR cell and its note: columns 9 and 10 of the 13 figure cells. */
const irrAndNote = (f: Partial<FigureSet>, lang: 'zh' | 'en' = 'zh') => figureCells({ ...base, ...f }, 2, 1, lang, RANGE).slice(8, 10);

describe('figure cells: the IRR and its note', () => {
  it('from the default guess: XIRR over the range, no note', () => {
    expect(irrAndNote({})).toEqual([{ formula: "XIRR('现金流1'!$F$2:$F$3,'现金流1'!$E$2:$E$3)", result: -0.9999 }, null]);
  });
  it('found by the scan: the rate as the guess, and a note saying so', () => {
    expect(irrAndNote({ irrSpreadsheet: 'GUESS' }, 'en')).toEqual([
      { formula: "XIRR('现金流1'!$F$2:$F$3,'现金流1'!$E$2:$E$3,-0.999900)", result: -0.9999 },
      IRR_NOTE.SPREADSHEET_GUESS.en,
    ]);
  });
  it('out of float64 reach: the value, and a note saying why', () => {
    expect(irrAndNote({ irr: '-1.000000', irrSpreadsheet: 'UNREACHABLE' })).toEqual([-1, IRR_NOTE.SPREADSHEET_UNREACHABLE.zh]);
  });
  it('several roots: which one, and how a spreadsheet gets it, both noted', () => {
    expect(irrAndNote({ irrMultipleRoots: true })[1]).toBe(IRR_NOTE.MULTIPLE_ROOTS.zh);
    expect(irrAndNote({ irrMultipleRoots: true, irrSpreadsheet: 'GUESS' }, 'en')[1]).toBe(`${IRR_NOTE.MULTIPLE_ROOTS_OTHER.en}; ${IRR_NOTE.SPREADSHEET_GUESS.en}`);
    expect(irrAndNote({ irrMultipleRoots: true, irrSpreadsheet: 'GUESS' })[1]).toBe(`${IRR_NOTE.MULTIPLE_ROOTS_OTHER.zh}；${IRR_NOTE.SPREADSHEET_GUESS.zh}`);
  });
  it('no rate: IFERROR around XIRR, and the reason', () => {
    expect(irrAndNote({ irr: null, irrReason: 'NO_SIGN_CHANGE', irrSpreadsheet: null }, 'en')).toEqual([
      { formula: `IFERROR(XIRR('现金流1'!$F$2:$F$3,'现金流1'!$E$2:$E$3),"")`, result: '' },
      IRR_NOTE.NO_SIGN_CHANGE.en,
    ]);
  });
});
