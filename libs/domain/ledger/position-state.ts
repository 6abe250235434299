import { Decimal } from '../money/decimal.js';
import type { BusinessDate } from '../money/business-date.js';
import type { PositionSeries } from '../figures/position-series.js';
import type { LpCommitmentRecord, PositionAmendmentRecord } from './records.js';

/** A position's series without the commitment, which comes from the LP commitments or the direct investment. */
export type SeriesWithoutCommitment = Omit<PositionSeries, 'commitment'>;

const EMPTY: SeriesWithoutCommitment = { paidIn: new Decimal(0), distributed: new Decimal(0), nav: new Decimal(0), days: [], fen: new Float64Array(0) };

function groupBy<T>(rows: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** Indexes what a FoF's positions are made of by position id (sub-fund or direct investment). */
export class PositionIndex {
  private readonly amendments: Map<string, PositionAmendmentRecord[]>;
  private readonly commitments: Map<string, LpCommitmentRecord[]>;

  constructor(
    s: { commitments: readonly LpCommitmentRecord[]; amendments: readonly PositionAmendmentRecord[] },
    private readonly seriesById: ReadonlyMap<string, SeriesWithoutCommitment>,
  ) {
    this.amendments = groupBy(s.amendments, (a) => a.subFundId ?? a.directInvestmentId!);
    this.commitments = groupBy(s.commitments, (c) => c.subFundId);
  }

  /** The position's series with its commitment. */
  series(id: string, commitment: Decimal): PositionSeries {
    return { ...(this.seriesById.get(id) ?? EMPTY), commitment };
  }

  lpCommitments(subFundId: string): LpCommitmentRecord[] {
    return this.commitments.get(subFundId) ?? [];
  }

  /** The FoF's own commitment (investor kind FOF) and everyone's total; the share is derived, never stored. */
  commitmentSplit(subFundId: string): { fof: Decimal; total: Decimal; others: Decimal } {
    let fof = new Decimal(0);
    let total = new Decimal(0);
    for (const c of this.lpCommitments(subFundId)) {
      total = total.plus(c.amount);
      if (c.investorKind === 'FOF') fof = fof.plus(c.amount);
    }
    return { fof, total, others: total.minus(fof) };
  }

  private latest(id: string, asOf: BusinessDate, pick: (a: PositionAmendmentRecord) => string | null): { value: string; date: BusinessDate } | null {
    let found: { value: string; date: BusinessDate } | null = null;
    for (const a of this.amendments.get(id) ?? []) {
      const value = pick(a);
      if (value !== null && a.effectiveDate <= asOf && (found === null || a.effectiveDate >= found.date)) found = { value, date: a.effectiveDate };
    }
    return found;
  }

  /** Status in force on the date: the latest STATUS_CHANGE on or before it, else the default. */
  statusAsOf(id: string, asOf: BusinessDate, dflt: string): string {
    return this.latest(id, asOf, (a) => (a.kind === 'STATUS_CHANGE' ? a.newStatus : null))?.value ?? dflt;
  }

  /** The date the position last entered a status, on or before asOf. */
  statusDate(id: string, asOf: BusinessDate, status: string): BusinessDate | null {
    return this.latest(id, asOf, (a) => (a.kind === 'STATUS_CHANGE' && a.newStatus === status ? a.newStatus : null))?.date ?? null;
  }

  /** Term end after the extensions in force on the date. */
  termEndAsOf(id: string, asOf: BusinessDate, original: BusinessDate): BusinessDate {
    return this.latest(id, asOf, (a) => (a.kind === 'TERM_EXTENSION' ? a.newTermEnd : null))?.value ?? original;
  }
}
