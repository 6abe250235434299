import { Decimal } from '../money/decimal.js';
import type { BusinessDate } from '../money/business-date.js';
import type { PositionData } from '../figures/position-figures.js';
import type { LpCommitmentRecord, PositionAmendmentRecord, PositionFlowRecord, ValuationRecord } from './records.js';

/** The ledger rows in force for one FoF as of a date (as known at an instant), grouped by position. */
export interface LedgerSnapshot {
  commitments: LpCommitmentRecord[];
  flows: PositionFlowRecord[];
  valuations: ValuationRecord[];
  amendments: PositionAmendmentRecord[];
}

export type PositionKey = { subFundId: string } | { directInvestmentId: string };

const keyOf = (r: { subFundId: string | null; directInvestmentId: string | null }) => r.subFundId ?? r.directInvestmentId!;

function groupBy<T>(rows: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** Indexes a snapshot by position id (sub-fund or direct investment). */
export class PositionIndex {
  private readonly flows: Map<string, PositionFlowRecord[]>;
  private readonly valuations: Map<string, ValuationRecord[]>;
  private readonly amendments: Map<string, PositionAmendmentRecord[]>;
  private readonly commitments: Map<string, LpCommitmentRecord[]>;

  constructor(s: LedgerSnapshot) {
    this.flows = groupBy(s.flows, keyOf);
    this.valuations = groupBy(s.valuations, keyOf);
    this.amendments = groupBy(s.amendments, keyOf);
    this.commitments = groupBy(s.commitments, (c) => c.subFundId);
  }

  /** The FoF's flows and valuations of a position, in the shape the figures take. */
  positionData(id: string, commitment: Decimal): PositionData {
    return {
      commitment,
      flows: (this.flows.get(id) ?? []).map((f) => ({
        date: f.flowDate,
        kind: f.flowType as 'CONTRIBUTION' | 'DISTRIBUTION',
        amount: new Decimal(f.amount),
      })),
      valuations: (this.valuations.get(id) ?? []).map((v) => ({ date: v.valuationDate, nav: new Decimal(v.nav) })),
    };
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

  /** Status in force on the date: the latest STATUS_CHANGE on or before it, else the default. */
  statusAsOf(id: string, asOf: BusinessDate, dflt: string): string {
    let status = dflt;
    let at = '';
    for (const a of this.amendments.get(id) ?? []) {
      if (a.kind === 'STATUS_CHANGE' && a.newStatus && a.effectiveDate <= asOf && a.effectiveDate >= at) {
        status = a.newStatus;
        at = a.effectiveDate;
      }
    }
    return status;
  }

  /** Term end after the extensions in force on the date. */
  termEndAsOf(id: string, asOf: BusinessDate, original: BusinessDate): BusinessDate {
    let end = original;
    let at = '';
    for (const a of this.amendments.get(id) ?? []) {
      if (a.kind === 'TERM_EXTENSION' && a.newTermEnd && a.effectiveDate <= asOf && a.effectiveDate >= at) {
        end = a.newTermEnd;
        at = a.effectiveDate;
      }
    }
    return end;
  }
}
