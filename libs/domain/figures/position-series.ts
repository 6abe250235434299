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
  days: DaySeries;
  /** Net flow of each day in whole fen (see FenSeries). */
  fen: FenSeries;
  /** How many flow rows went into the days (a day may net several); absent when unknown. */
  flowCount?: number;
}

/**
 * Day numbers: an Int32Array where a million of them are made at once (off the JS heap, so the garbage
 * collector does not copy them), a plain array elsewhere.
 */
export type DaySeries = Int32Array | readonly number[];

/**
 * Whole fen per day: float64 integers while every partial sum of the series stays below 2^53 (exact,
 * and no bigint per day: a city's review holds a million of them), else exact bigints.
 */
export type FenSeries = Float64Array | readonly bigint[];

const SAFE = Number.MAX_SAFE_INTEGER;

/** The fen of day i as an exact bigint. */
export const fenAt = (f: FenSeries, i: number): bigint => (f instanceof Float64Array ? BigInt(f[i]!) : f[i]!);

/**
 * The series with `amount` fen added on `day` (a new last day, or onto the last one when it is that
 * day): the NAV as a final inflow. Stays float64 while that remains exact.
 */
export function withFinalFen(days: DaySeries, fen: FenSeries, day: number, finalFen: bigint): { days: number[]; fen: FenSeries } {
  const sameDay = days.length > 0 && days[days.length - 1] === day;
  const outDays = sameDay ? [...days] : [...days, day];
  const finalAbs = finalFen < 0n ? -finalFen : finalFen;
  if (fen instanceof Float64Array && finalAbs < BigInt(SAFE)) {
    // Whole fen below 2^53: the float64 integer is the same number, and so is every partial sum while
    // the total of absolute values stays below 2^53.
    const final = Number(finalFen);
    let total = Math.abs(final);
    for (let i = 0; i < fen.length; i++) total += Math.abs(fen[i]!);
    if (total < SAFE) {
      const out = new Float64Array(outDays.length);
      out.set(fen);
      out[outDays.length - 1]! += final;
      return { days: outDays, fen: out };
    }
  }
  const out = Array.from({ length: fen.length }, (_, i) => fenAt(fen, i));
  if (sameDay) out[out.length - 1]! += finalFen;
  else out.push(finalFen);
  return { days: outDays, fen: out };
}

/** Float64 when every value and every partial sum of them is a safe integer, else bigint. */
export function fenSeries(values: readonly bigint[]): FenSeries {
  let total = 0n;
  for (const v of values) total += v < 0n ? -v : v;
  return total <= BigInt(SAFE) ? Float64Array.from(values, Number) : values;
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

/** Whole fen (a bigint or a safe integer) as money text with exactly two decimals ("-1234.05"), by moving the point. */
export function fenText(f: bigint | number): MoneyString {
  const neg = f < 0;
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
  return { commitment: p.commitment, paidIn, distributed, nav: rolledForwardNav(p, asOf), days, fen: fenSeries(days.map((d) => byDay.get(d)!)), flowCount };
}

/** Σ|f|. (Small typed helpers keep the pooling loops monomorphic: one element type each.) */
function absSum(f: Float64Array): number {
  let t = 0;
  for (let i = 0; i < f.length; i++) t += Math.abs(f[i]!);
  return t;
}

/** Adds a series' per-day fen into acc (indexed from day lo), marking the days it has. */
function addDays(acc: Float64Array, has: Uint8Array, days: Int32Array, fen: Float64Array, lo: number): void {
  for (let i = 0; i < days.length; i++) {
    const k = days[i]! - lo;
    acc[k]! += fen[i]!;
    has[k] = 1;
  }
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
  if (lo > hi) return { commitment, paidIn, distributed, nav, days: [], fen: new Float64Array(0) };
  // Days are whole numbers within the pool's span (a few thousand): an array indexed by day adds a
  // city's million per-day amounts far faster than a map. Float64 while the members' amounts together
  // stay below 2^53 fen (every partial sum is then exact), else bigint.
  let absTotal = 0;
  let floats = true;
  for (const s of list) {
    if (!(s.fen instanceof Float64Array)) floats &&= s.fen.length === 0; // an empty series is no reason for bigints
    else absTotal += absSum(s.fen);
  }
  const span = hi - lo + 1;
  const has = new Uint8Array(span);
  const days: number[] = [];
  if (floats && absTotal < SAFE) {
    const acc = new Float64Array(span);
    for (const s of list) {
      if (!(s.fen instanceof Float64Array)) continue; // empty
      addDays(acc, has, s.days instanceof Int32Array ? s.days : Int32Array.from(s.days), s.fen, lo);
    }
    const out: number[] = [];
    for (let k = 0; k < span; k++) {
      if (has[k]) {
        days.push(k + lo);
        out.push(acc[k]!);
      }
    }
    return { commitment, paidIn, distributed, nav, days: Int32Array.from(days), fen: Float64Array.from(out) };
  }
  const acc: bigint[] = new Array<bigint>(span).fill(0n);
  for (const s of list) {
    for (let i = 0; i < s.days.length; i++) {
      const k = s.days[i]! - lo;
      acc[k] = acc[k]! + fenAt(s.fen, i);
      has[k] = 1;
    }
  }
  const fen: bigint[] = [];
  for (let k = 0; k < span; k++) {
    if (has[k]) {
      days.push(k + lo);
      fen.push(acc[k]!);
    }
  }
  return { commitment, paidIn, distributed, nav, days, fen };
}
