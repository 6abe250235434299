import type { Style } from 'exceljs';
import type { FigureSet } from '../domain/figures/position-figures.js';
import type { BusinessDate } from '../domain/money/business-date.js';
import type { MoneyString, RatioString } from '../domain/money/money.js';

/**
 * Cell values of the review workbook. The decimal strings of the read model are the source of
 * truth; a cell gets a JS number only here, at the edge, because exceljs writes numeric cells
 * from numbers. See docs/adr-0004-review-workbook.md for the float64 limit.
 */

/** Number formats: yuan, shares and loss ratios as percentages, multiples, dates. */
export const FMT = {
  yuan: '#,##0.00',
  percent: '0.00%',
  multiple: '0.0000',
  years: '0.00',
  date: 'yyyy-mm-dd',
} as const;

/**
 * Shared style objects. exceljs caches a style id per style OBJECT (a WeakMap), so one object
 * per format keeps the per-cell cost of a million-row sheet low; never mutate them.
 */
export const STYLE = {
  plain: {} as Partial<Style>,
  header: { font: { bold: true }, alignment: { vertical: 'middle', wrapText: true } } as Partial<Style>,
  yuan: { numFmt: FMT.yuan } as Partial<Style>,
  percent: { numFmt: FMT.percent } as Partial<Style>,
  multiple: { numFmt: FMT.multiple } as Partial<Style>,
  years: { numFmt: FMT.years } as Partial<Style>,
  date: { numFmt: FMT.date } as Partial<Style>,
  integer: { numFmt: '0' } as Partial<Style>,
  wrap: { alignment: { wrapText: true, vertical: 'top' } } as Partial<Style>,
} as const;

/**
 * Text a spreadsheet program would take for a formula when a user edits or re-saves the file
 * (CSV injection): =, +, -, @, tab, carriage return at the start (OWASP's list).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell escaped against formula injection: prefixed with a single quote when it starts
 * with a formula trigger. The stored string keeps the quote, so it survives a save as CSV.
 */
export function text(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  return FORMULA_START.test(v) ? `'${v}` : v;
}

/**
 * 15 significant digits round-trip exactly through float64 and are what Excel displays, so a
 * two-decimal amount with at most 13 integer digits (|x| < 10,000,000,000,000 yuan) is exact to
 * the fen in the cell. Larger amounts are refused rather than written a fen off.
 */
const MAX_INTEGER_DIGITS = 13;

/** A yuan amount as a numeric cell. The MoneyString stays the source of truth. */
export function yuan(v: MoneyString): number {
  const dot = v.indexOf('.');
  const intDigits = (dot < 0 ? v.length : dot) - (v.startsWith('-') ? 1 : 0);
  if (intDigits > MAX_INTEGER_DIGITS || (dot >= 0 && v.length - dot > 3)) {
    throw new RangeError(`amount ${v} cannot be written exactly to a spreadsheet cell (at most ${MAX_INTEGER_DIGITS} integer digits and 2 decimals)`);
  }
  const n = Number(v);
  if (!Number.isFinite(n)) throw new RangeError(`not an amount: ${JSON.stringify(v)}`);
  return n;
}

/** A decimal ratio or other decimal text (six places) as a numeric cell, or null. */
export function decimal(v: RatioString | string | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  const n = Number(v);
  if (!Number.isFinite(n) || v.trim() === '') throw new RangeError(`not a decimal: ${JSON.stringify(v)}`);
  return n;
}

/**
 * A business date as a real Excel date: the JS Date at UTC midnight, which exceljs turns into
 * the serial day number (it converts with getTime(), so the host time zone plays no part).
 * Dates are numbers in the cell so XIRR can use them.
 */
export function date(v: BusinessDate | null | undefined): Date | null {
  if (v === null || v === undefined) return null;
  const y = Number(v.slice(0, 4));
  const m = Number(v.slice(5, 7));
  const day = Number(v.slice(8, 10));
  const d = new Date(Date.UTC(y, m - 1, day));
  // Date.UTC rolls 2024-02-30 over to March: the day must come back unchanged.
  if (v.length !== 10 || v[4] !== '-' || v[7] !== '-' || !(y >= 1900) || d.getUTCDate() !== day || d.getUTCMonth() !== m - 1) {
    throw new RangeError(`not a business date: ${JSON.stringify(v)}`);
  }
  return d;
}

/** A formula cell: the formula, and the result readers that do not calculate show ('' for none). */
export interface FormulaCell {
  formula: string;
  result: number | string;
}

/** A formula with its cached result, so readers that do not calculate still show the number. */
export function formula(expr: string, result: number | string | null): FormulaCell {
  return { formula: expr, result: result ?? '' };
}

/** Column letters of a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** A sheet name quoted for a formula reference ('现金流1'!), quotes inside doubled. */
export function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'!`;
}

/** A block of rows in one column pair: the range XIRR reads (amounts, dates). */
export interface XirrRange {
  sheet: string;
  amountColumn: string;
  dateColumn: string;
  firstRow: number;
  lastRow: number;
}

export function xirrArgs(r: XirrRange): string {
  const s = sheetRef(r.sheet);
  return `${s}$${r.amountColumn}$${r.firstRow}:$${r.amountColumn}$${r.lastRow},${s}$${r.dateColumn}$${r.firstRow}:$${r.dateColumn}$${r.lastRow}`;
}

/**
 * The IRR cell: XIRR over the range with the read model's rate as cached result. A null rate
 * (no root, no sign change) keeps the formula behind IFERROR with an empty cached result, so
 * the reader sees a blank and the reviewer still sees what was tried. Without a range (a
 * position without flows, a block split across sheets) the cell is the plain value.
 *
 * `spreadsheet` says how a spreadsheet's XIRR (Newton's method from a guess) reaches the rate
 * (XirrResult): from its default guess, XIRR(amounts,dates); only from the rate itself, which the
 * formula then passes as its guess, XIRR(amounts,dates,rate); not at all in float64 (a rate within
 * float64's precision of −100%): the plain value, with a note beside it.
 */
export function irrCell(range: XirrRange | undefined, irr: RatioString | null, spreadsheet: FigureSet['irrSpreadsheet'] = 'DEFAULT'): FormulaCell | number | null {
  if (range === undefined || (irr !== null && spreadsheet === 'UNREACHABLE')) return decimal(irr);
  if (irr === null) return formula(`IFERROR(XIRR(${xirrArgs(range)}),"")`, '');
  return formula(`XIRR(${xirrArgs(range)}${spreadsheet === 'GUESS' ? `,${guessLiteral(irr)}` : ''})`, decimal(irr));
}

/** The rate as XIRR's guess: its six places, or in E notation when that would run past 15 digits (7.5E+109). */
const guessLiteral = (irr: RatioString): string => (irr.replace(/^-/, '').length <= 16 ? irr : Number(irr).toExponential().toUpperCase());
