import { Decimal } from './decimal.js';

/** Yuan amounts travel as strings with exactly two decimals, e.g. "12345.67". */
export type MoneyString = string;
/** Ratios travel as strings with exactly six decimals, e.g. "0.500000". */
export type RatioString = string;

/** Accepted money text: optional minus, digits without leading zeros, at most two decimals. No exponent, no thousands separators. */
const MONEY_RE = /^-?(0|[1-9]\d{0,17})(\.\d{1,2})?$/;
const RATIO_RE = /^-?(0|[1-9]\d{0,13})(\.\d{1,6})?$/;

export function isMoneyText(v: unknown): v is string {
  return typeof v === 'string' && MONEY_RE.test(v);
}

export function isRatioText(v: unknown): v is string {
  return typeof v === 'string' && RATIO_RE.test(v);
}

/** Parses money text exactly; throws on anything that is not plain decimal text with at most two decimals. */
export function parseMoney(v: string): Decimal {
  if (!isMoneyText(v)) throw new RangeError(`not a money amount: ${JSON.stringify(v)}`);
  return new Decimal(v);
}

export function parseRatio(v: string): Decimal {
  if (!isRatioText(v)) throw new RangeError(`not a ratio: ${JSON.stringify(v)}`);
  return new Decimal(v);
}

/** Rounds to the fen (half-up) and formats with exactly two decimals. The only place money is rounded. */
export function toYuan(v: Decimal | string): MoneyString {
  const s = fixed(typeof v === 'string' ? new Decimal(v) : v, 2);
  return s === '-0.00' ? '0.00' : s;
}

/** Rounds a ratio to six places (half-up). The only place ratios are rounded. */
export function toRatio(v: Decimal | string): RatioString {
  const s = fixed(typeof v === 'string' ? new Decimal(v) : v, 6);
  return s === '-0.000000' ? '0.000000' : s;
}

/**
 * d.toFixed(places, ROUND_HALF_UP). A value with no more decimals than that needs no rounding: it is
 * printed as it is and padded with zeros, which skips the rounded copy decimal.js would make (a review
 * formats a few hundred thousand amounts, nearly all already in fen).
 */
function fixed(d: Decimal, places: number): string {
  const dp = d.decimalPlaces();
  if (!d.isFinite() || dp > places) return d.toFixed(places, Decimal.ROUND_HALF_UP);
  const s = d.toFixed();
  return dp === places ? s : `${s}${dp === 0 ? '.' : ''}${'0'.repeat(places - dp)}`;
}

export function sum(values: Iterable<Decimal | string>): Decimal {
  let acc = new Decimal(0);
  for (const v of values) acc = acc.plus(v);
  return acc;
}

/** a / b, or null when b is zero (a ratio over nothing is undefined, not zero). */
export function ratioOrNull(a: Decimal, b: Decimal): Decimal | null {
  return b.isZero() ? null : a.div(b);
}

/** Chinese-style yuan display with thousands separators: "1,234,567.89". */
export function formatYuan(v: Decimal | string): string {
  const s = toYuan(v);
  const neg = s.startsWith('-');
  const [int, frac] = (neg ? s.slice(1) : s).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}.${frac}`;
}

/** Percent display of a ratio: 0.5 → "50.00%". */
export function formatPercent(v: Decimal | string, places = 2): string {
  const d = typeof v === 'string' ? new Decimal(v) : v;
  return `${fixed(d.times(100), places)}%`;
}
