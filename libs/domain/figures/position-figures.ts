import { DomainError } from '../errors/domain-error.js';
import { type BusinessDate, isBusinessDate } from '../money/business-date.js';
import { Decimal } from '../money/decimal.js';
import { type MoneyString, type RatioString, ratioOrNull, toRatio, toYuan } from '../money/money.js';
import { type XirrReason, type XirrResult, xirrFen } from './xirr.js';
import { dayNumber, poolSeries, rolledForwardNav, seriesOf, toFen, type PositionSeries } from './position-series.js';

/**
 * Figures of a position (one sub-fund or one direct project) or of a pool of them, as of
 * a date, from dated cash flows and valuations (domain brief, "Figures"). NAV roll-forward
 * and pooling are decided in docs/adr-0002-figures-nav-xirr.md.
 */

export type FlowKind = 'CONTRIBUTION' | 'DISTRIBUTION';

export interface PositionFlow {
  readonly date: BusinessDate;
  readonly kind: FlowKind;
  /** Positive (or zero); the kind gives the direction. */
  readonly amount: Decimal;
}

export interface Valuation {
  readonly date: BusinessDate;
  readonly nav: Decimal;
}

/** What a position is made of, independent of the date it is looked at. */
export interface PositionData {
  readonly commitment: Decimal;
  readonly flows: ReadonlyArray<PositionFlow>;
  readonly valuations: ReadonlyArray<Valuation>;
}

export interface PositionFiguresInput extends PositionData {
  readonly asOf: BusinessDate;
}

/** Output: money as two-decimal strings, ratios as six-decimal strings (null over a zero paid-in). */
export interface FigureSet {
  commitment: MoneyString;
  paidIn: MoneyString;
  distributed: MoneyString;
  nav: MoneyString;
  /** commitment − paidIn; negative when the position was called above its commitment (over-call). */
  unfunded: MoneyString;
  dpi: RatioString | null;
  rvpi: RatioString | null;
  tvpi: RatioString | null;
  /** Excel-XIRR annual rate, six places; null with irrReason when there is none. */
  irr: RatioString | null;
  irrReason: XirrReason;
  irrMultipleRoots: boolean;
  /** How a spreadsheet's XIRR reaches irr: from its default guess, from irr as its guess, or not at all (see XirrResult). */
  irrSpreadsheet: XirrResult['spreadsheet'];
  loss: MoneyString;
  lossRatio: RatioString | null;
  valueAdded: MoneyString;
}

const ZERO = new Decimal(0);

function invalid(field: string, why: string, value: unknown): DomainError {
  return new DomainError('VALIDATION', `${field}: ${why}`, { field, value: String(value) });
}

function checkDate(field: string, d: unknown): void {
  if (!isBusinessDate(d)) throw invalid(field, 'must be a YYYY-MM-DD business date', d);
}

function validate(p: PositionData, at: string): void {
  if (!p.commitment.isFinite() || p.commitment.isNeg()) throw invalid(`${at}.commitment`, 'must be a finite amount ≥ 0', p.commitment);
  p.flows.forEach((fl, i) => {
    checkDate(`${at}.flows[${i}].date`, fl.date);
    if (fl.kind !== 'CONTRIBUTION' && fl.kind !== 'DISTRIBUTION') throw invalid(`${at}.flows[${i}].kind`, 'must be CONTRIBUTION or DISTRIBUTION', fl.kind);
    if (!fl.amount.isFinite() || fl.amount.isNeg()) throw invalid(`${at}.flows[${i}].amount`, 'must be a finite amount ≥ 0 (the kind gives the sign)', fl.amount);
  });
  p.valuations.forEach((v, i) => {
    checkDate(`${at}.valuations[${i}].date`, v.date);
    if (!v.nav.isFinite()) throw invalid(`${at}.valuations[${i}].nav`, 'must be a finite amount', v.nav);
  });
}

/** Figures of a position's (or a pool's) series as of asOf: the one place figures are computed. */
export function seriesFigures(t: PositionSeries, asOf: BusinessDate): FigureSet {
  // The NAV is a final inflow on asOf, only when there is one (a zero would be no inflow).
  const irr = xirrFen(t.days, t.fen, t.nav.gt(0) ? { day: dayNumber(asOf), fen: toFen(t.nav) } : undefined);
  const ratio = (d: Decimal | null) => (d === null ? null : toRatio(d));
  const value = t.distributed.plus(t.nav);
  const loss = Decimal.max(ZERO, t.paidIn.minus(value));
  return {
    commitment: toYuan(t.commitment),
    paidIn: toYuan(t.paidIn),
    distributed: toYuan(t.distributed),
    nav: toYuan(t.nav),
    unfunded: toYuan(t.commitment.minus(t.paidIn)),
    dpi: ratio(ratioOrNull(t.distributed, t.paidIn)),
    rvpi: ratio(ratioOrNull(t.nav, t.paidIn)),
    tvpi: ratio(ratioOrNull(value, t.paidIn)),
    // The rate is a float64 from the iteration, not money; it becomes a decimal string here.
    irr: irr.rate === null ? null : toRatio(new Decimal(irr.rate)),
    irrReason: irr.reason,
    irrMultipleRoots: irr.multipleRoots,
    irrSpreadsheet: irr.spreadsheet,
    loss: toYuan(loss),
    lossRatio: ratio(ratioOrNull(loss, t.paidIn)),
    valueAdded: toYuan(Decimal.max(ZERO, value.minus(t.paidIn))),
  };
}

/** Figures of one position as of input.asOf, from its flows and valuations dated on or before asOf. */
export function positionFigures(input: PositionFiguresInput): FigureSet {
  checkDate('asOf', input.asOf);
  validate(input, 'position');
  return seriesFigures(seriesOf(input, input.asOf), input.asOf);
}

/**
 * Figures of a set of positions POOLED over their underlying flows: commitments, flows and
 * each position's rolled-forward NAV are summed, and the IRR is solved over the union of all
 * flows plus the summed NAV on asOf. Never an average of the positions' ratios, which would
 * weigh a small position like a large one. A position carrying its own asOf must agree with
 * the pool's (a pool mixing dates has no meaning).
 */
export function poolFigures(positions: ReadonlyArray<PositionData & { readonly asOf?: BusinessDate }>, asOf: BusinessDate): FigureSet {
  checkDate('asOf', asOf);
  const parts = positions.map((p, i) => {
    if (p.asOf !== undefined && p.asOf !== asOf) throw invalid(`positions[${i}].asOf`, `differs from the pool's as-of date ${asOf}`, p.asOf);
    validate(p, `positions[${i}]`);
    return seriesOf(p, asOf);
  });
  return seriesFigures(poolSeries(parts), asOf);
}

export { rolledForwardNav };
