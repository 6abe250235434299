import { Decimal } from '../money/decimal.js';
import { type BusinessDate, daysBetween } from '../money/business-date.js';
import { fenAt } from './position-series.js';
import { type SpreadsheetReach, spreadsheetReach } from './spreadsheet-xirr.js';

/**
 * XIRR with Excel's convention (domain brief, "Figures"): the annual rate r with
 *   Σ a_i / (1 + r)^((d_i − d_0) / 365) = 0,
 * d_0 the earliest date, 365 days a year even across leap years.
 *
 * Amounts stay Decimal until the iteration: they are netted per day and scaled
 * exactly, and only the scaled values enter float64. See docs/adr-0002-figures-nav-xirr.md.
 */

export interface DatedAmount {
  readonly date: BusinessDate;
  readonly amount: Decimal;
}

export type XirrReason = 'OK' | 'NO_FLOWS' | 'NO_SIGN_CHANGE' | 'NO_ROOT' | 'ALL_ZERO';

export interface XirrResult {
  /** The annual rate as a float64, or null when there is none (see reason). */
  rate: number | null;
  reason: XirrReason;
  /**
   * True when the netted flows change sign more than once: Descartes' rule of signs (which holds for
   * real exponents too) then allows more than one rate. With two changes and a rate found there is
   * certainly another root (the count of roots has the parity of the changes); with three or more the
   * flag is a warning that the rate may not be unique. Excel's XIRR gives no such warning.
   */
  multipleRoots: boolean;
  /** Newton steps plus bisection steps performed. */
  iterations: number;
  /**
   * How a spreadsheet's XIRR reaches the rate (Newton's method from a guess, 0.1 unless given, in Excel
   * and LibreOffice alike): 'DEFAULT' from the default guess; 'GUESS' only when given the rate itself,
   * to six places, as its guess; 'UNREACHABLE' from neither, in float64 (a rate within float64's
   * precision of −100%, such as a 76% loss in six days, whose 1 + r is about 1e-38; a rate so large
   * that no step of 1e-10 can be told apart). Judged by LibreOffice's own iteration (spreadsheet-xirr.ts).
   * null when there is no rate. See ADR-0002 and the workbook's IRR cells (ADR-0004).
   */
  spreadsheet: SpreadsheetReach | null;
}

/** The result when there is no rate. */
const noRate = (reason: Exclude<XirrReason, 'OK'>, iterations = 0): XirrResult => ({ rate: null, reason, multipleRoots: false, iterations, spreadsheet: null });

/** Excel's default guess. */
const GUESS = 0.1;
/** Excel stops after 100 tries; so does our Newton stage before the bracketing fallback. */
const NEWTON_MAX = 100;
const NEWTON_TOL = 1e-10;
/**
 * A rate in [−100%, 100%] that our Newton stage reached from 0.1 in at most this many steps is one a
 * spreadsheet's XIRR reaches from its default guess: the same iteration from the same start, stopping
 * on the same step size below 1, within LibreOffice's 50 steps. Not when the first day's flows net to
 * zero: the spreadsheet then measures time from that day, which scales its NPV by (1 + r)^−lead and
 * lets its stop on a small NPV accept a point that is no root. Any other rate is judged by running
 * LibreOffice's iteration itself (spreadsheetReach), which costs a pow() per flow and step.
 */
const PLAIN_STEPS = 40;
/** Relative residual accepted as a root: |NPV| ≤ RESIDUAL_TOL · Σ|a_i|. */
const RESIDUAL_TOL = 1e-9;
const DAYS_PER_YEAR = 365;

/**
 * The flows as the iteration sees them, as parallel arrays (no object per flow), days ascending: the
 * first n elements of each array count.
 */
interface Terms {
  n: number;
  /** Whole days from d_0, ascending. */
  k: Int32Array;
  /** Years from d_0: (d_i − d_0) / 365. */
  t: Float64Array;
  /** Amount scaled by the largest |amount| (so in [−1, 1]). */
  a: Float64Array;
  /** That largest |amount|, in yuan: a[i] × scale is the amount. */
  scale: number;
  /**
   * Years from the first day with any flow to d_0, the first whose flows do not net to zero: where a
   * spreadsheet's XIRR measures time from, since the sheet lists that day's rows (ScaledFlows).
   */
  lead: number;
}

/**
 * The arrays the iteration works in, reused from one XIRR to the next (a review solves thousands; an
 * ArrayBuffer each time cost more than the solving). Safe because an XIRR runs start to end
 * synchronously: nothing else can use them meanwhile.
 */
const shared: Terms & { amounts: Float64Array } = { n: 0, k: new Int32Array(1024), t: new Float64Array(1024), a: new Float64Array(1024), scale: 1, lead: 0, amounts: new Float64Array(1024) };

function terms(n: number, scale: number, leadDays: number): Terms {
  if (shared.k.length < n) {
    const size = Math.max(n, shared.k.length * 2);
    shared.k = new Int32Array(size);
    shared.t = new Float64Array(size);
    shared.a = new Float64Array(size);
  }
  shared.n = n;
  shared.scale = scale;
  shared.lead = leadDays / DAYS_PER_YEAR;
  return shared;
}

/** A zeroed Float64Array of at least n elements, reused (see `shared`). */
function amountsScratch(n: number): Float64Array {
  if (shared.amounts.length < n) shared.amounts = new Float64Array(Math.max(n, shared.amounts.length * 2));
  else shared.amounts.fill(0, 0, n);
  return shared.amounts;
}

/** Nets same-day amounts (exactly, in Decimal), sorts by date, drops days that net to zero. */
export function netByDate(flows: ReadonlyArray<DatedAmount>): Array<{ date: BusinessDate; amount: Decimal }> {
  const byDate = new Map<BusinessDate, Decimal>();
  for (const f of flows) byDate.set(f.date, (byDate.get(f.date) ?? new Decimal(0)).plus(f.amount));
  return [...byDate.entries()]
    .filter(([, amount]) => !amount.isZero())
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, amount]) => ({ date, amount }));
}

function signChanges(amounts: ReadonlyArray<Decimal>): number {
  let changes = 0;
  for (let i = 1; i < amounts.length; i++) if (amounts[i]!.isNeg() !== amounts[i - 1]!.isNeg()) changes++;
  return changes;
}

function toTerms(netted: ReadonlyArray<{ date: BusinessDate; amount: Decimal }>, firstDate: BusinessDate): Terms {
  const d0 = netted[0]!.date;
  const scale = Decimal.max(...netted.map((f) => f.amount.abs()));
  // The only place money becomes float64: an exactly scaled amount, for the iteration.
  const out = terms(netted.length, scale.toNumber(), daysBetween(firstDate, d0));
  netted.forEach((f, i) => {
    out.k[i] = daysBetween(d0, f.date);
    out.t[i] = out.k[i]! / DAYS_PER_YEAR;
    out.a[i] = f.amount.div(scale).toNumber();
  });
  return out;
}

/** Gaps between successive flow days up to this many days take their discount factor from a table. */
const GAP_TABLE = 64;
const gapTable = new Float64Array(GAP_TABLE + 1);

/**
 * NPV and its derivative at rate r, directly in float64 (Newton stage). With q = (1 + r)^(−1/365) the
 * discount factor of day k is q^k, and the days ascend: each factor is the previous one times q^gap,
 * the gap's power read from a table built by multiplication (one exponential per step, not one per
 * flow). Each product adds at most an ulp of relative error: a thousand flows stay within about 1e−13
 * of e^(−t·ln(1 + r)), far inside the tolerance; a long gap takes the exponential itself.
 */
function npvAndSlope({ n, k, t, a }: Terms, r: number): [number, number] {
  const lnq = -Math.log1p(r) / DAYS_PER_YEAR;
  const q = Math.exp(lnq);
  gapTable[0] = 1;
  for (let g = 1; g <= GAP_TABLE; g++) gapTable[g] = gapTable[g - 1]! * q;
  let f = 0;
  let tf = 0;
  let w = 1;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const gap = k[i]! - prev;
    prev = k[i]!;
    w = gap <= GAP_TABLE ? w * gapTable[gap]! : Math.exp(prev * lnq);
    const av = a[i]! * w;
    f += av;
    tf += t[i]! * av;
  }
  return [f, -tf / (1 + r)];
}

/**
 * Sign of NPV at 1 + r = e^x, computed as Σ a_i·e^(−t_i·x − M) with M the largest exponent, so it
 * neither overflows near r = −1 nor underflows at huge rates. The largest term is the first flow's
 * (x ≥ 0) or the last one's (x < 0); walking away from it, each factor is the previous one times
 * e^(−|x|·gap/365) from a table (see npvAndSlope), so the factors only shrink.
 */
function npvSign({ n, k, a }: Terms, x: number): number {
  const step = -Math.abs(x) / DAYS_PER_YEAR;
  const q = Math.exp(step);
  gapTable[0] = 1;
  for (let g = 1; g <= GAP_TABLE; g++) gapTable[g] = gapTable[g - 1]! * q;
  let s = 0;
  let w = 1;
  if (x >= 0) {
    for (let i = 0, prev = 0; i < n; i++) {
      const gap = k[i]! - prev;
      prev = k[i]!;
      w = gap <= GAP_TABLE ? w * gapTable[gap]! : Math.exp(prev * step);
      s += a[i]! * w;
    }
  } else {
    const last = k[n - 1]!;
    for (let i = n - 1, prev = last; i >= 0; i--) {
      const gap = prev - k[i]!;
      prev = k[i]!;
      w = gap <= GAP_TABLE ? w * gapTable[gap]! : Math.exp((last - prev) * step);
      s += a[i]! * w;
    }
  }
  return Math.sign(s);
}

/** Grid over x = ln(1 + r): fine where rates live, coarse towards −100% and astronomically high rates. */
const X_MIN = -700; // 1 + r = e^−700 ≈ 1e−304
const X_MAX = 700; // r ≈ 1e304, still a finite float64
function scanGrid(): number[] {
  const xs: number[] = [];
  const push = (from: number, to: number, step: number) => {
    const n = Math.round((to - from) / step);
    for (let k = 0; k < n; k++) xs.push(from + k * step);
  };
  // About 220 points, coarse away from where rates live: the scan runs only when Newton fails, to find
  // a root wherever one exists (two roots inside one cell make no sign change there and are missed).
  push(X_MIN, -50, 25);
  push(-50, -5, 1.5);
  push(-5, 5, 0.1); // r from −99.3% to +14,700%, steps of about 10% in 1 + r
  push(5, 50, 1.5);
  push(50, X_MAX, 25);
  xs.push(X_MAX);
  return xs;
}
const GRID = scanGrid();

/** Bisection on x between a sign change; returns the root and the steps it took. */
function bisect(terms: Terms, lo: number, hi: number, sLo: number): [number, number] {
  let steps = 0;
  for (; steps < 200; steps++) {
    const mid = (lo + hi) / 2;
    if (mid <= lo || mid >= hi) break; // the interval cannot shrink any further in float64
    const s = npvSign(terms, mid);
    if (s === 0) return [mid, steps + 1];
    if (s === sLo) lo = mid;
    else hi = mid;
  }
  return [(lo + hi) / 2, steps];
}

interface ScanResult {
  /** Roots as x = ln(1 + r), ascending, with the bracket each came from. */
  roots: Array<{ x: number; lo: number; hi: number }>;
  steps: number;
}

/**
 * Scans the grid for sign changes of NPV and refines each by bisection. Beyond the
 * grid's low end, NPV tends to the sign of the last flow (largest exponent): a root
 * below e^−700 exists when the sign at X_MIN differs, and its float64 rate is −1.
 */
function scan(terms: Terms): ScanResult {
  const roots: ScanResult['roots'] = [];
  let steps = 0;
  const lastSign = Math.sign(terms.a[terms.n - 1]!);
  let prevX = GRID[0]!;
  let prevS = npvSign(terms, prevX);
  if (prevS !== 0 && prevS !== lastSign) roots.push({ x: -Infinity, lo: -Infinity, hi: prevX });
  if (prevS === 0) roots.push({ x: prevX, lo: prevX, hi: prevX });
  for (let k = 1; k < GRID.length; k++) {
    const x = GRID[k]!;
    const s = npvSign(terms, x);
    if (s === 0) roots.push({ x, lo: x, hi: x });
    else if (prevS !== 0 && s !== prevS) {
      const [root, n] = bisect(terms, prevX, x, prevS);
      steps += n;
      roots.push({ x: root, lo: prevX, hi: x });
    }
    prevX = x;
    prevS = s;
  }
  return { roots, steps };
}

/** Newton–Raphson from Excel's guess; null when it leaves (−1, ∞), stalls, or does not settle in 100 steps. */
function newton(terms: Terms, scaleSum: number): { rate: number | null; steps: number } {
  let r = GUESS;
  for (let k = 1; k <= NEWTON_MAX; k++) {
    const [f, df] = npvAndSlope(terms, r);
    if (!Number.isFinite(f) || !Number.isFinite(df) || df === 0) return { rate: null, steps: k };
    const next = r - f / df;
    if (!Number.isFinite(next) || next <= -1) return { rate: null, steps: k };
    if (Math.abs(next - r) <= NEWTON_TOL * Math.max(1, Math.abs(r))) {
      const [residual] = npvAndSlope(terms, next);
      return { rate: Math.abs(residual) <= RESIDUAL_TOL * scaleSum ? next : null, steps: k };
    }
    r = next;
  }
  return { rate: null, steps: NEWTON_MAX };
}

const rateOf = (x: number): number => (x === -Infinity ? -1 : Math.expm1(x));

/**
 * Excel's XIRR, made total: Newton from 0.1 first (so the number matches the workbook's
 * XIRR when Excel finds one), then a grid scan with bisection, so a rate is returned
 * wherever a root exists in float64. With one sign change the root is unique
 * (Descartes' rule of signs in v = 1/(1 + r)); with several, the Newton root is kept
 * (what Excel shows) or, if Newton failed, the root closest to the guess 0.1.
 */
export function xirr(flows: ReadonlyArray<DatedAmount>): XirrResult {
  if (flows.length === 0) return noRate('NO_FLOWS');
  const netted = netByDate(flows);
  if (netted.length === 0) return noRate('ALL_ZERO');
  const changes = signChanges(netted.map((f) => f.amount));
  if (changes === 0) return noRate('NO_SIGN_CHANGE');

  const firstDate = flows.reduce((min, f) => (f.date < min ? f.date : min), flows[0]!.date);
  return solve(toTerms(netted, firstDate), changes);
}

/** A last inflow added to a series without copying it: the NAV on the as-of date. */
export interface FinalFen {
  day: number;
  fen: bigint;
}

/**
 * The same XIRR over flows already netted per day, in whole fen (float64 integers or exact bigints) on
 * day numbers in ascending order: the path a review at city scale takes, where the database nets and
 * sums exactly. `final` adds an inflow on a day at or after the last (the NAV), onto the last day when
 * it is that day. Amounts become float64 only here, divided by the largest one, for the iteration.
 * Zero days are skipped.
 */
export function xirrFen(days: ArrayLike<number>, fen: Float64Array | ReadonlyArray<bigint>, final?: FinalFen): XirrResult {
  const n0 = days.length;
  const sameDay = final !== undefined && n0 > 0 && days[n0 - 1] === final.day;
  const n = final !== undefined && !sameDay ? n0 + 1 : n0;
  if (n === 0) return noRate('NO_FLOWS');
  // Each amount as the float64 nearest its exact fen: the same integer below 2^53, and its sign always.
  const amounts = amountsScratch(n);
  if (fen instanceof Float64Array) amounts.set(fen);
  else for (let i = 0; i < n0; i++) amounts[i] = Number(fen[i]!);
  if (final !== undefined) {
    if (sameDay) amounts[n0 - 1] = Number(fenAt(fen, n0 - 1) + final.fen);
    else amounts[n0] = Number(final.fen);
  }
  const dayAt = (i: number) => (i < n0 ? days[i]! : final!.day);
  // The discount factors are built along ascending days (npvAndSlope): refuse anything else.
  for (let i = 1; i < n; i++) if (dayAt(i) <= dayAt(i - 1)) throw new RangeError(`xirrFen: days must strictly ascend (day ${dayAt(i)} after ${dayAt(i - 1)})`);
  let maxAbs = 0;
  let changes = 0;
  let prevSign = 0;
  let first = -1;
  let nonZero = 0;
  for (let i = 0; i < n; i++) {
    const v = amounts[i]!;
    const sg = Math.sign(v);
    if (sg === 0) continue;
    nonZero++;
    if (first < 0) first = i;
    if (prevSign !== 0 && sg !== prevSign) changes++;
    prevSign = sg;
    if (Math.abs(v) > maxAbs) maxAbs = Math.abs(v);
  }
  if (first < 0) return noRate('ALL_ZERO');
  if (changes === 0) return noRate('NO_SIGN_CHANGE');
  const d0 = dayAt(first);
  const out = terms(nonZero, maxAbs / 100, d0 - dayAt(0)); // fen to yuan; days before d0 net to zero
  for (let i = first, j = 0; i < n; i++) {
    const v = amounts[i]!;
    if (v === 0) continue;
    out.k[j] = dayAt(i) - d0;
    out.t[j] = out.k[j]! / DAYS_PER_YEAR;
    out.a[j++] = v / maxAbs;
  }
  return solve(out, changes);
}

/** Newton from Excel's guess, then the bracketing scan when needed (see xirr). */
function solve(terms: Terms, changes: number): XirrResult {
  let scaleSum = 0;
  for (let i = 0; i < terms.n; i++) scaleSum += Math.abs(terms.a[i]!);
  const n = newton(terms, scaleSum);
  // Newton's root is what Excel's XIRR shows. With one sign change it is the only root (Descartes' rule
  // of signs in v = 1/(1 + r)); with several, more than one rate may solve the flows, and the flag says
  // so without a scan (a review runs this for thousands of positions). See ADR-0002.
  if (n.rate !== null) {
    const spreadsheet = terms.lead === 0 && Math.abs(n.rate) <= 1 && n.steps <= PLAIN_STEPS ? 'DEFAULT' : spreadsheetReach(terms, n.rate);
    return { rate: n.rate, reason: 'OK', multipleRoots: changes > 1, iterations: n.steps, spreadsheet };
  }

  const s = scan(terms);
  const iterations = n.steps + s.steps;
  const found = s.roots.map((root) => ({ ...root, rate: rateOf(root.x) }));
  if (found.length === 0) return noRate('NO_ROOT', iterations);
  const best = found.reduce((a, b) => (Math.abs(b.rate - GUESS) < Math.abs(a.rate - GUESS) ? b : a));
  return { rate: best.rate, reason: 'OK', multipleRoots: changes > 1 && found.length > 1, iterations, spreadsheet: spreadsheetReach(terms, best.rate) };
}

/**
 * Excel's XNPV in exact decimal arithmetic: Σ a_i / (1 + rate)^((d_i − d_0)/365), d_0 the
 * earliest date. Useful to check a rate: the NPV at an XIRR rate is zero up to the
 * rate's float64 precision. Throws on rate ≤ −1 or a non-finite rate.
 */
export function xnpv(rate: number, flows: ReadonlyArray<DatedAmount>): Decimal {
  if (!Number.isFinite(rate) || rate <= -1) throw new RangeError(`xnpv needs a finite rate above -1, got ${rate}`);
  if (flows.length === 0) return new Decimal(0);
  const d0 = flows.reduce((min, f) => (f.date < min ? f.date : min), flows[0]!.date);
  const base = new Decimal(1).plus(rate);
  let acc = new Decimal(0);
  for (const f of flows) {
    const t = new Decimal(daysBetween(d0, f.date)).div(DAYS_PER_YEAR);
    acc = acc.plus(f.amount.div(base.pow(t)));
  }
  return acc;
}
