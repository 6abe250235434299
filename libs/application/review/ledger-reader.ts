import type { BusinessDate } from '../../domain/money/business-date.js';
import type { FofRecord } from '../../domain/ledger/records.js';
import type { FofLedger } from '../../domain/review/fof-ledger.js';
import type { FundRepository } from '../../persistence/repositories/fund.repository.js';
import type { LedgerRepository } from '../../persistence/repositories/ledger.repository.js';
import type { PositionSeriesRepository } from '../../persistence/repositories/position-series.repository.js';
import type { TransactionContext } from '../../persistence/transaction-context.js';

/**
 * Reads a FoF's ledger in force as of a date, as known at an instant. Flows and valuations, the large
 * tables, arrive already reduced to each position's series by SQL; the rest are read as rows.
 */
export class LedgerReader {
  constructor(
    private readonly funds: FundRepository,
    private readonly ledger: LedgerRepository,
    private readonly seriesRepo: PositionSeriesRepository,
    private readonly tx: TransactionContext,
  ) {}

  async read(fof: FofRecord, asOf: BusinessDate, knownAt?: Date): Promise<FofLedger> {
    const a = <K extends Parameters<LedgerRepository['active']>[0]>(k: K) => this.ledger.active(k, fof.id, asOf, knownAt);
    const [subFunds, directs, commitments, flows, amendments, projectInvestments, projectExits, incentiveProposals, maLoans, exceptions, secondaryPurchases] =
      await this.tx.all([
        () => this.funds.allSubFunds(fof.id, knownAt),
        () => this.funds.allDirectInvestments(fof.id, knownAt),
        () => a('lp-commitments'),
        () => this.seriesRepo.series(fof.id, asOf, knownAt),
        () => a('amendments'),
        () => a('project-investments'),
        () => a('project-exits'),
        () => a('incentive-proposals'),
        () => a('ma-loans'),
        () => a('exceptions'),
        () => a('secondary-purchases'),
      ] as const);
    // A fund that had not closed, or a project not yet decided, by asOf is not part of the portfolio then.
    return {
      fof,
      subFunds: subFunds.filter((s) => s.firstClose <= asOf),
      directs: directs.filter((d) => d.decisionDate <= asOf),
      commitments,
      series: flows.series,
      yearlyContributions: flows.yearly,
      amendments,
      projectInvestments,
      projectExits,
      incentiveProposals,
      maLoans,
      exceptions,
      secondaryPurchases,
    };
  }
}
