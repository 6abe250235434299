import { Decimal } from '../../domain/money/decimal.js';
import { toRatio } from '../../domain/money/money.js';
import { yearOf, type BusinessDate } from '../../domain/money/business-date.js';
import type { Principal } from '../../domain/ledger/principal.js';
import type { FofRecord } from '../../domain/ledger/records.js';
import { PositionIndex } from '../../domain/ledger/position-state.js';
import { poolSeries } from '../../domain/figures/position-series.js';
import { seriesFigures, type FigureSet } from '../../domain/figures/position-figures.js';
import type { FofLedger } from '../../domain/review/fof-ledger.js';
import type { ReviewPosition } from '../../domain/review/review-tables.js';
import type { FofAccess } from '../fof-access.js';
import type { LedgerReader } from './ledger-reader.js';

export interface PortfolioPositions {
  fof: FofRecord;
  asOf: BusinessDate;
  knownAt: string | null;
  subFunds: Array<{
    kind: 'SUB_FUND';
    id: string;
    code: string;
    name: string;
    category: string;
    status: string;
    firstClose: BusinessDate;
    termEnd: BusinessDate;
    totalCommitments: string;
    fofShare: string | null;
    figures: FigureSet;
  }>;
  directs: Array<{ kind: 'DIRECT'; id: string; code: string; name: string; stage: string; status: string; figures: FigureSet }>;
  total: FigureSet;
}

/** The positions of a ledger, in review order: sub-funds by code, then direct investments by code. */
export function reviewPositions(l: FofLedger, asOf: BusinessDate): ReviewPosition[] {
  const index = new PositionIndex(l, l.series);
  const subFunds = l.subFunds.map((sf): ReviewPosition => {
    const split = index.commitmentSplit(sf.id);
    return {
      kind: 'SUB_FUND',
      id: sf.id,
      code: sf.code,
      name: sf.name,
      category: sf.category,
      status: index.statusAsOf(sf.id, asOf, 'INVESTING'),
      vintage: yearOf(sf.firstClose),
      fofShare: split.total.isZero() ? null : toRatio(split.fof.div(split.total)),
      data: index.series(sf.id, split.fof),
    };
  });
  const directs = l.directs.map(
    (d): ReviewPosition => ({
      kind: 'DIRECT',
      id: d.id,
      code: d.code,
      name: d.projectName,
      category: d.stage,
      status: index.statusAsOf(d.id, asOf, 'HOLDING'),
      vintage: yearOf(d.decisionDate),
      fofShare: null,
      data: index.series(d.id, new Decimal(d.commitment)),
    }),
  );
  return [...subFunds, ...directs];
}

/** Position figures of a FoF as of a business date, optionally as the ledger was known at an instant. */
export class PositionService {
  constructor(
    private readonly access: FofAccess,
    private readonly reader: LedgerReader,
  ) {}

  async positions(p: Principal, fofId: string, asOf: BusinessDate, knownAt?: Date): Promise<PortfolioPositions> {
    const fof = await this.access.readable(p, fofId);
    const l = await this.reader.read(fof, asOf, knownAt);
    const index = new PositionIndex(l, l.series);
    const all = reviewPositions(l, asOf);
    const byId = new Map(l.subFunds.map((s) => [s.id, s]));
    return {
      fof,
      asOf,
      knownAt: knownAt?.toISOString() ?? null,
      subFunds: all
        .filter((x) => x.kind === 'SUB_FUND')
        .map((x) => {
          const sf = byId.get(x.id)!;
          return {
            kind: 'SUB_FUND' as const,
            id: x.id,
            code: x.code,
            name: x.name,
            category: x.category,
            status: x.status,
            firstClose: sf.firstClose,
            termEnd: index.termEndAsOf(sf.id, asOf, sf.termEnd),
            totalCommitments: index.commitmentSplit(sf.id).total.toFixed(2),
            fofShare: x.fofShare,
            figures: seriesFigures(x.data, asOf),
          };
        }),
      directs: all
        .filter((x) => x.kind === 'DIRECT')
        .map((x) => ({ kind: 'DIRECT' as const, id: x.id, code: x.code, name: x.name, stage: x.category, status: x.status, figures: seriesFigures(x.data, asOf) })),
      total: seriesFigures(poolSeries(all.map((x) => x.data)), asOf),
    };
  }
}
