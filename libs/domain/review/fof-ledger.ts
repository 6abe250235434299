import type {
  DirectInvestmentRecord,
  FofRecord,
  IncentiveProposalRecord,
  LpCommitmentRecord,
  MaLoanRecord,
  PolicyExceptionRecord,
  PositionAmendmentRecord,
  ProjectExitRecord,
  ProjectInvestmentRecord,
  SecondaryPurchaseRecord,
  SubFundRecord,
} from '../ledger/records.js';
import type { SeriesWithoutCommitment } from '../ledger/position-state.js';

/** Everything of one FoF's ledger in force as of a date (as known at an instant): what checks and reviews read. */
export interface FofLedger {
  fof: FofRecord;
  subFunds: SubFundRecord[];
  directs: DirectInvestmentRecord[];
  commitments: LpCommitmentRecord[];
  /** Each position's flows and valuations reduced to its series (exact totals, NAV, per-day fen). */
  series: ReadonlyMap<string, SeriesWithoutCommitment>;
  /** Contributions per position and calendar year (paid-in basis of the annual allocation). */
  yearlyContributions: Array<{ positionId: string; year: number; amount: string }>;
  amendments: PositionAmendmentRecord[];
  projectInvestments: ProjectInvestmentRecord[];
  projectExits: ProjectExitRecord[];
  incentiveProposals: IncentiveProposalRecord[];
  maLoans: MaLoanRecord[];
  exceptions: PolicyExceptionRecord[];
  secondaryPurchases: SecondaryPurchaseRecord[];
}
