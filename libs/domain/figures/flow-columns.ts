import { Decimal } from '../money/decimal.js';
import { fenSeries, fenToYuan, type PositionSeries } from './position-series.js';

/**
 * A million flows as columns (position ordinal, day number, signed whole fen: contributions negative),
 * in any order, reduced to each position's series without an object per flow. Amounts are float64
 * integers while every sum of the position stays below 2^53 fen (exact); a position with a larger
 * amount or total takes the bigint path. Either way the figures are exact to the fen.
 */
export class FlowColumns {
  pos: Int32Array;
  day: Int32Array;
  /** Signed fen; NaN where the amount is in `big`. */
  fen: Float64Array;
  readonly big = new Map<number, bigint>();
  length = 0;

  /** Room for `capacity` rows before the columns grow (by doubling). */
  constructor(capacity = 1 << 16) {
    const n = Math.max(16, capacity);
    this.pos = new Int32Array(n);
    this.day = new Int32Array(n);
    this.fen = new Float64Array(n);
  }

  add(pos: number, day: number, fen: number | bigint): void {
    if (this.length === this.pos.length) this.grow();
    const i = this.length++;
    this.pos[i] = pos;
    this.day[i] = day;
    if (typeof fen === 'number') this.fen[i] = fen;
    else {
      this.fen[i] = Number.NaN;
      this.big.set(i, fen);
    }
  }

  private grow(): void {
    const n = this.pos.length * 2;
    const pos = new Int32Array(n);
    pos.set(this.pos);
    const day = new Int32Array(n);
    day.set(this.day);
    const fen = new Float64Array(n);
    fen.set(this.fen);
    this.pos = pos;
    this.day = day;
    this.fen = fen;
  }
}

/** The latest valuation on or before the date, as the NAV roll-forward starts from it. */
export interface ValuationPoint {
  day: number;
  nav: string;
}

export type ColumnSeries = Omit<PositionSeries, 'commitment'>;

export interface ColumnsResult {
  /** By position ordinal (1-based, as in the columns). */
  series: Map<number, ColumnSeries>;
  /** Contributions (paid-in) per position ordinal and calendar year, in fen. */
  yearly: Array<{ pos: number; year: number; fen: bigint }>;
}

const MIN_DAY = -25_567; // 1900-01-01
const MAX_DAY = 84_000; // 2199
let yearTable: Int16Array | null = null;
/** The calendar year of each day number from MIN_DAY to MAX_DAY, built once. */
function yearTableOf(): Int16Array {
  if (!yearTable) {
    yearTable = new Int16Array(MAX_DAY - MIN_DAY + 1);
    let y = 1900;
    let next = Date.UTC(1901, 0, 1) / 86_400_000;
    for (let x = MIN_DAY; x <= MAX_DAY; x++) {
      if (x === next) next = Date.UTC(++y + 1, 0, 1) / 86_400_000;
      yearTable[x - MIN_DAY] = y;
    }
  }
  return yearTable;
}
function yearOfDay(d: number): number {
  if (d < MIN_DAY || d > MAX_DAY) return new Date(d * 86_400_000).getUTCFullYear();
  return yearTableOf()[d - MIN_DAY]!;
}

const nav0 = (v: ValuationPoint | undefined) => new Decimal(v?.nav ?? '0');

/**
 * Each position's series from the columns: flows netted per day (days ascending), exact paid-in and
 * distributed, the NAV rolled forward from the latest valuation (flows dated after it added), and the
 * contributions per year. Same result as seriesOf over the raw flows (tested).
 */
export function seriesFromColumns(c: FlowColumns, valuations: (pos: number) => ValuationPoint | undefined): ColumnsResult {
  const { order, start, exact, maxPos } = runsByPosition(c);
  const series = new Map<number, ColumnSeries>();
  const yearly: ColumnsResult['yearly'] = [];
  const scratch = new Scratch();
  for (let k = 0; k <= maxPos; k++) {
    const from = start[k]!;
    const to = start[k + 1]!;
    if (from === to) continue;
    const v = valuations(k);
    const r = (exact[k] && floatSeries(c, order, from, to, v, scratch)) || bigSeries(c, order.subarray(from, to), v);
    series.set(k, r.series);
    for (const [year, fen] of r.yearly) yearly.push({ pos: k, year, fen });
  }
  return { series, yearly };
}

/**
 * The rows of each position as one run: `order` lists row indexes position by position, the runs
 * starting at `start[k]`. A counting sort, skipped when the rows already come a position at a time in
 * ordinal order (the read model's). `exact[k]` says whether position k's amounts fit float64's exact
 * integers together (else its series takes the bigint path).
 */
function runsByPosition(c: FlowColumns): { order: Int32Array; start: Int32Array; exact: Uint8Array; maxPos: number } {
  const n = c.length;
  const posCol = c.pos;
  const fenCol = c.fen;
  let maxPos = 0;
  let grouped = true;
  for (let i = 0; i < n; i++) {
    const k = posCol[i]!;
    if (k > maxPos) maxPos = k;
    else if (k < maxPos) grouped = false;
  }
  const start = new Int32Array(maxPos + 2);
  const absTotal = new Float64Array(maxPos + 1);
  for (let i = 0; i < n; i++) {
    const k = posCol[i]!;
    start[k + 1]!++;
    const f = fenCol[i]!;
    absTotal[k]! += f < 0 ? -f : f; // NaN (a bigint amount) stays NaN
  }
  const exact = new Uint8Array(maxPos + 1);
  for (let k = 0; k <= maxPos; k++) exact[k] = absTotal[k]! < Number.MAX_SAFE_INTEGER ? 1 : 0;
  for (let k = 1; k <= maxPos + 1; k++) start[k]! += start[k - 1]!;
  const order = new Int32Array(n);
  if (grouped) for (let i = 0; i < n; i++) order[i] = i;
  else {
    const fill = start.slice(0, maxPos + 1);
    for (let i = 0; i < n; i++) order[fill[posCol[i]!]!++] = i;
  }
  return { order, start, exact, maxPos };
}

/** Per-day accumulators reused from one position to the next. */
class Scratch {
  acc = new Float64Array(0);
  has = new Uint8Array(0);
  take(span: number): void {
    if (this.acc.length < span) {
      this.acc = new Float64Array(span);
      this.has = new Uint8Array(span);
    } else {
      this.acc.fill(0, 0, span);
      this.has.fill(0, 0, span);
    }
  }
}

/**
 * One position's series in float64 (every sum below 2^53 fen, so exact): flows netted per day in an
 * array indexed by day, contributions per year in an array indexed by year. Null when its days fall
 * outside the year table (the bigint path handles any date).
 */
function floatSeries(c: FlowColumns, order: Int32Array, from: number, to: number, v: ValuationPoint | undefined, scratch: Scratch): { series: ColumnSeries; yearly: Array<[number, bigint]> } | null {
  const dayCol = c.day;
  const fenCol = c.fen;
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = from; j < to; j++) {
    const d = dayCol[order[j]!]!;
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  if (lo < MIN_DAY || hi > MAX_DAY) return null;
  const years = yearTableOf();
  const span = hi - lo + 1;
  scratch.take(span);
  const acc = scratch.acc;
  const has = scratch.has;
  const valuedTo = v ? v.day : -Infinity; // flows after the valuation move the NAV (all of them without one)
  const y0 = years[lo - MIN_DAY]!;
  const perYear = new Float64Array(years[hi - MIN_DAY]! - y0 + 1);
  let paid = 0;
  let dist = 0;
  let moved = 0;
  let m = 0;
  for (let j = from; j < to; j++) {
    const i = order[j]!;
    const d = dayCol[i]!;
    const f = fenCol[i]!;
    const s = d - lo;
    acc[s]! += f;
    if (has[s] === 0) {
      has[s] = 1;
      m++;
    }
    if (f < 0) {
      paid -= f;
      perYear[years[d - MIN_DAY]! - y0]! -= f;
    } else dist += f;
    if (d > valuedTo) moved -= f; // a contribution adds to the NAV, a distribution takes from it
  }
  const days = new Int32Array(m);
  const fen = new Float64Array(m);
  for (let s = 0, j = 0; j < m; s++) {
    if (has[s]) {
      days[j] = lo + s;
      fen[j++] = acc[s]!;
    }
  }
  const yearly: Array<[number, bigint]> = [];
  for (let y = 0; y < perYear.length; y++) if (perYear[y]! > 0) yearly.push([y0 + y, BigInt(perYear[y]!)]);
  return {
    series: {
      paidIn: fenToYuan(BigInt(paid)),
      distributed: fenToYuan(BigInt(dist)),
      nav: Decimal.max(nav0(v).plus(fenToYuan(BigInt(moved))), 0),
      days,
      fen,
      flowCount: to - from,
    },
    yearly,
  };
}

/** The same reduction in bigint, for a position whose amounts could pass float64's exact integers. */
function bigSeries(c: FlowColumns, rows: Int32Array, v: ValuationPoint | undefined): { series: ColumnSeries; yearly: Map<number, bigint> } {
  const byDay = new Map<number, bigint>();
  const yearly = new Map<number, bigint>();
  let paid = 0n;
  let dist = 0n;
  let moved = 0n;
  for (const i of rows) {
    const d = c.day[i]!;
    const f = c.big.get(i) ?? BigInt(c.fen[i]!);
    byDay.set(d, (byDay.get(d) ?? 0n) + f);
    if (f < 0n) {
      paid -= f;
      const y = yearOfDay(d);
      yearly.set(y, (yearly.get(y) ?? 0n) - f);
    } else dist += f;
    if (!v || d > v.day) moved -= f;
  }
  const days = [...byDay.keys()].sort((a, b) => a - b);
  return {
    series: {
      paidIn: fenToYuan(paid),
      distributed: fenToYuan(dist),
      nav: Decimal.max(nav0(v).plus(fenToYuan(moved)), 0),
      days,
      fen: fenSeries(days.map((d) => byDay.get(d)!)),
      flowCount: rows.length,
    },
    yearly,
  };
}
