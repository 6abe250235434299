import { Decimal } from '../money/decimal.js';
import type { BusinessDate } from '../money/business-date.js';
import type { MoneyString } from '../money/money.js';
import type { PositionData } from './position-figures.js';

/**
 * A position reduced to what its figures need, as of a date: exact totals, the rolled-forward NAV, and
 * the flows netted per day in whole fen (contributions negative). The database produces this directly at
 * city scale (PositionSeriesRepository); seriesOf builds it from raw flows, and the two must agree.
 */
export interface PositionSeries {
  commitment: Decimal;
  paidIn: Decimal;
  distributed: Decimal;
  /** Rolled forward from the latest valuation on or before the date; never below zero. */
  nav: Decimal;
  /** Day numbers (days since 1970-01-01), ascending, one per date with flows. */
  days: number[];
  /** Net flow of each day in fen. */
  fen: bigint[];
  /** How many flow rows went into the days (a day may net several); absent when unknown. */
  flowCount?: number;
}

export const dayNumber = (d: BusinessDate): number => Math.round(Date.parse(`${d}T00:00:00Z`) / 86_400_000);
const dates = new Map<number, BusinessDate>();
/** The business date of a day number (memoised: a review asks for the same few thousand days again and again). */
export function dateOfDay(n: number): BusinessDate {
  let d = dates.get(n);
  if (d === undefined) {
    d = new Date(n * 86_400_000).toISOString().slice(0, 10);
    if (dates.size < 100_000) dates.set(n, d);
  }
  return d;
}

/** Exact yuan (at most two decimals) to whole fen. */
export function toFen(v: Decimal): bigint {
  const f = v.times(100);
  if (!f.isInteger()) throw new RangeError(`amount ${v.toString()} has more than two decimals`);
  return BigInt(f.toFixed(0));
}

export const fenToYuan = (f: bigint): Decimal => new Decimal(f.toString()).div(100);

/** Whole fen as money text with exactly two decimals ("-1234.05"), by moving the point: no arithmetic. */
export function fenText(f: bigint): MoneyString {
  const neg = f < 0n;
  const digits = (neg ? -f : f).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

const ZERO = new Decimal(0);

/**
 * NAV as of asOf (ADR-0002): the latest valuation on or before asOf (on a tie, the last one given),
 * plus contributions and minus distributions dated strictly after it, up to asOf. Without a
 * valuation: paid-in − distributed (cost basis). Never below zero.
 */
export function rolledForwardNav(p: PositionData, asOf: BusinessDate): Decimal {
  let latest: PositionData['valuations'][number] | undefined;
  for (const v of p.valuations) if (v.date <= asOf && (latest === undefined || v.date >= latest.date)) latest = v;
  const from = latest?.date;
  let nav = latest?.nav ?? ZERO;
  for (const fl of p.flows) {
    if (fl.date > asOf || (from !== undefined && fl.date <= from)) continue;
    nav = fl.kind === 'CONTRIBUTION' ? nav.plus(fl.amount) : nav.minus(fl.amount);
  }
  return Decimal.max(nav, ZERO);
}

/** The series of a position from its raw flows and valuations, as of a date. */
export function seriesOf(p: PositionData, asOf: BusinessDate): PositionSeries {
  let paidIn = ZERO;
  let distributed = ZERO;
  const byDay = new Map<number, bigint>();
  for (const fl of p.flows) {
    if (fl.date > asOf) continue;
    const fen = toFen(fl.amount);
    if (fl.kind === 'CONTRIBUTION') paidIn = paidIn.plus(fl.amount);
    else distributed = distributed.plus(fl.amount);
    const day = dayNumber(fl.date);
    byDay.set(day, (byDay.get(day) ?? 0n) + (fl.kind === 'CONTRIBUTION' ? -fen : fen));
  }
  const days = [...byDay.keys()].sort((a, b) => a - b);
  const flowCount = p.flows.filter((fl) => fl.date <= asOf).length;
  return { commitment: p.commitment, paidIn, distributed, nav: rolledForwardNav(p, asOf), days, fen: days.map((d) => byDay.get(d)!), flowCount };
}

/** Several positions pooled over their flows: totals summed, days merged, same-day fen added exactly. */
export function poolSeries(list: ReadonlyArray<PositionSeries>): PositionSeries {
  let commitment = ZERO;
  let paidIn = ZERO;
  let distributed = ZERO;
  let nav = ZERO;
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of list) {
    commitment = commitment.plus(s.commitment);
    paidIn = paidIn.plus(s.paidIn);
    distributed = distributed.plus(s.distributed);
    nav = nav.plus(s.nav);
    if (s.days.length > 0) {
      lo = Math.min(lo, s.days[0]!);
      hi = Math.max(hi, s.days[s.days.length - 1]!);
    }
  }
  if (lo > hi) return { commitment, paidIn, distributed, nav, days: [], fen: [] };
  // Days are whole numbers within the pool's span (a few thousand): an array indexed by day adds a
  // city's million per-day amounts far faster than a map.
  const byDay: Array<bigint | undefined> = new Array<bigint | undefined>(hi - lo + 1);
  for (const s of list) {
    for (let i = 0; i < s.days.length; i++) {
      const k = s.days[i]! - lo;
      byDay[k] = (byDay[k] ?? 0n) + s.fen[i]!;
    }
  }
  const days: number[] = [];
  const fen: bigint[] = [];
  for (let k = 0; k < byDay.length; k++) {
    if (byDay[k] !== undefined) {
      days.push(k + lo);
      fen.push(byDay[k]!);
    }
  }
  return { commitment, paidIn, distributed, nav, days, fen };
}
