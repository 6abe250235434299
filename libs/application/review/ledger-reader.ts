import type { BusinessDate } from '../../domain/money/business-date.js';
import type { FofRecord } from '../../domain/ledger/records.js';
import type { FofLedger } from '../../domain/review/fof-ledger.js';
import type { FundRepository } from '../../persistence/repositories/fund.repository.js';
import type { LedgerRepository } from '../../persistence/repositories/ledger.repository.js';

/** Reads a FoF's whole ledger in force as of a date, as known at an instant. */
export class LedgerReader {
  constructor(
    private readonly funds: FundRepository,
    private readonly ledger: LedgerRepository,
  ) {}

  async read(fof: FofRecord, asOf: BusinessDate, knownAt?: Date): Promise<FofLedger> {
    const a = <K extends Parameters<LedgerRepository['active']>[0]>(k: K) => this.ledger.active(k, fof.id, asOf, knownAt);
    const [subFunds, directs, commitments, flows, valuations, amendments, projectInvestments, projectExits, incentiveProposals, maLoans, exceptions, secondaryPurchases] =
      await Promise.all([
        this.funds.allSubFunds(fof.id, knownAt),
        this.funds.allDirectInvestments(fof.id, knownAt),
        a('lp-commitments'),
        a('flows'),
        a('valuations'),
        a('amendments'),
        a('project-investments'),
        a('project-exits'),
        a('incentive-proposals'),
        a('ma-loans'),
        a('exceptions'),
        a('secondary-purchases'),
      ]);
    // A fund that had not closed, or a project not yet decided, by asOf is not part of the portfolio then.
    return {
      fof,
      subFunds: subFunds.filter((s) => s.firstClose <= asOf),
      directs: directs.filter((d) => d.decisionDate <= asOf),
      commitments,
      flows,
      valuations,
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
