import { Decimal } from '../money/decimal.js';
import { toRatio } from '../money/money.js';

/**
 * How a spreadsheet's XIRR reaches a rate the review found (ADR-0002, "how a spreadsheet reaches the
 * rate"): from its default guess; only from the rate itself, to six places, as its guess; or not at all.
 */
export type SpreadsheetReach = 'DEFAULT' | 'GUESS' | 'UNREACHABLE';

/**
 * The flows as XIRR sees them: days netted, in ascending order, years `t` from the first that does not
 * net to zero, amounts in units of `scale` yuan. `lead` is the years from the sheet's first row to that
 * day: a spreadsheet measures time from its first row, and a first day whose rows net to zero (a flow
 * and its same-day opposite) is still that row (0 otherwise).
 */
export interface ScaledFlows {
  n: number;
  t: Float64Array;
  a: Float64Array;
  scale: number;
  lead: number;
}

/** LibreOffice's stopping bound, on the rate's step and on the NPV in yuan alike. */
const EPS = 1e-10;
/** LibreOffice's steps before it gives up on a guess (Excel allows 100). */
const MAX_STEPS = 50;
const DEFAULT_GUESS = 0.1;

/**
 * The Newton stage of LibreOffice's XIRR (scaddins/source/analysis/financial.cxx, getXirr), step for
 * step: NPV and its slope by pow() over the amounts, r ← r − f/f′, stopping when the step or the NPV
 * in yuan is at most 1e-10, for at most 50 steps. The rate it stops at, or null where it gives up
 * (LibreOffice then scans guesses from −0.99 and may land on another root; Excel gives #NUM!).
 */
export function spreadsheetNewton({ n, t, a, scale, lead }: ScaledFlows, guess: number): number | null {
  if (!(guess > -1)) return null;
  let rate = guess;
  for (let step = 0; step < MAX_STEPS; step++) {
    const r = rate + 1;
    // The first row's own term is V_0 undiscounted; rows netting to zero before d_0 add nothing.
    let f = lead === 0 ? a[0]! : 0;
    let slope = 0;
    for (let i = lead === 0 ? 1 : 0; i < n; i++) {
      const e = t[i]! + lead;
      f += a[i]! / Math.pow(r, e);
      slope -= (e * a[i]!) / Math.pow(r, e + 1);
    }
    const next = rate - f / slope;
    const moved = Math.abs(next - rate);
    rate = next;
    if (!(moved > EPS && Math.abs(f * scale) > EPS)) return Number.isFinite(rate) && Number.isFinite(f) ? rate : null;
  }
  return null;
}

/**
 * Beyond 2^16 (a rate of 6,553,600%) a float64 step of 1e-10 is less than 8 units in the last place:
 * whether the iteration ever stops is left to rounding, which differs between programs (measured:
 * LibreOffice gave #VALUE! at 1.3e7 where a replay of its own steps stopped). No cell relies on it.
 */
const LARGEST_REACHABLE = 2 ** 16;

const agrees = (x: number | null, rate: number) => x !== null && Math.abs(x - rate) <= 1e-6 * Math.max(1, Math.abs(rate));

/**
 * Whether LibreOffice's Newton stage reaches `rate` (within 1e-6, relative above 1: the review's
 * precision) from the default guess, or else from the rate as the workbook's formula writes it.
 * LibreOffice's bounds are the tighter of the two programs' (50 steps, an absolute step of 1e-10),
 * so what it reaches Excel reaches too. A rate beyond LARGEST_REACHABLE is unreachable.
 */
export function spreadsheetReach(flows: ScaledFlows, rate: number): SpreadsheetReach {
  if (!(Math.abs(rate) < LARGEST_REACHABLE)) return 'UNREACHABLE';
  if (agrees(spreadsheetNewton(flows, DEFAULT_GUESS), rate)) return 'DEFAULT';
  return agrees(spreadsheetNewton(flows, Number(toRatio(new Decimal(rate)))), rate) ? 'GUESS' : 'UNREACHABLE';
}
