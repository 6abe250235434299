import { Decimal } from '../../domain/money/decimal.js';
import { toRatio } from '../../domain/money/money.js';
import type { BusinessDate } from '../../domain/money/business-date.js';
import type { Principal } from '../../domain/ledger/principal.js';
import type { DirectInvestmentRecord, FofRecord, SubFundRecord } from '../../domain/ledger/records.js';
import { PositionIndex, type LedgerSnapshot } from '../../domain/ledger/position-state.js';
import { poolFigures, positionFigures, type FigureSet, type PositionData } from '../../domain/figures/position-figures.js';
import type { FundRepository } from '../../persistence/repositories/fund.repository.js';
import type { LedgerRepository } from '../../persistence/repositories/ledger.repository.js';
import type { FofAccess } from '../fof-access.js';

export interface SubFundPosition {
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
}

export interface DirectPosition {
  kind: 'DIRECT';
  id: string;
  code: string;
  name: string;
  stage: string;
  status: string;
  figures: FigureSet;
}

export interface PortfolioPositions {
  fof: FofRecord;
  asOf: BusinessDate;
  knownAt: string | null;
  subFunds: SubFundPosition[];
  directs: DirectPosition[];
  total: FigureSet;
}

/** What a review reads of the ledger: master data and the rows in force, as of a date, as known at an instant. */
export interface PortfolioState {
  fof: FofRecord;
  subFunds: SubFundRecord[];
  directs: DirectInvestmentRecord[];
  snapshot: LedgerSnapshot;
  index: PositionIndex;
}

/** Position figures of a FoF as of a business date, optionally as the ledger was known at an instant. */
export class PositionService {
  constructor(
    private readonly access: FofAccess,
    private readonly funds: FundRepository,
    private readonly ledger: LedgerRepository,
  ) {}

  async state(fof: FofRecord, asOf: BusinessDate, knownAt?: Date): Promise<PortfolioState> {
    const [subFunds, directs, commitments, flows, valuations, amendments] = await Promise.all([
      this.funds.allSubFunds(fof.id, knownAt),
      this.funds.allDirectInvestments(fof.id, knownAt),
      this.ledger.active('lp-commitments', fof.id, asOf, knownAt),
      this.ledger.active('flows', fof.id, asOf, knownAt),
      this.ledger.active('valuations', fof.id, asOf, knownAt),
      this.ledger.active('amendments', fof.id, asOf, knownAt),
    ]);
    const snapshot = { commitments, flows, valuations, amendments };
    return { fof, subFunds, directs, snapshot, index: new PositionIndex(snapshot) };
  }

  async positions(p: Principal, fofId: string, asOf: BusinessDate, knownAt?: Date): Promise<PortfolioPositions> {
    const fof = await this.access.readable(p, fofId);
    return this.compute(await this.state(fof, asOf, knownAt), asOf, knownAt);
  }

  compute(s: PortfolioState, asOf: BusinessDate, knownAt?: Date): PortfolioPositions {
    const all: PositionData[] = [];
    const subFunds = s.subFunds.map((sf): SubFundPosition => {
      const split = s.index.commitmentSplit(sf.id);
      const data = s.index.positionData(sf.id, split.fof);
      all.push(data);
      return {
        kind: 'SUB_FUND',
        id: sf.id,
        code: sf.code,
        name: sf.name,
        category: sf.category,
        status: s.index.statusAsOf(sf.id, asOf, 'INVESTING'),
        firstClose: sf.firstClose,
        termEnd: s.index.termEndAsOf(sf.id, asOf, sf.termEnd),
        totalCommitments: split.total.toFixed(2),
        fofShare: split.total.isZero() ? null : toRatio(split.fof.div(split.total)),
        figures: positionFigures({ ...data, asOf }),
      };
    });
    const directs = s.directs.map((d): DirectPosition => {
      const data = s.index.positionData(d.id, new Decimal(d.commitment));
      all.push(data);
      return {
        kind: 'DIRECT',
        id: d.id,
        code: d.code,
        name: d.projectName,
        stage: d.stage,
        status: s.index.statusAsOf(d.id, asOf, 'HOLDING'),
        figures: positionFigures({ ...data, asOf }),
      };
    });
    return { fof: s.fof, asOf, knownAt: knownAt?.toISOString() ?? null, subFunds, directs, total: poolFigures(all, asOf) };
  }
}
