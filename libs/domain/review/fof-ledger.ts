import type {
  DirectInvestmentRecord,
  FofRecord,
  IncentiveProposalRecord,
  LpCommitmentRecord,
  MaLoanRecord,
  PolicyExceptionRecord,
  PositionAmendmentRecord,
  PositionFlowRecord,
  ProjectExitRecord,
  ProjectInvestmentRecord,
  SecondaryPurchaseRecord,
  SubFundRecord,
  ValuationRecord,
} from '../ledger/records.js';

/** Everything of one FoF's ledger in force as of a date (as known at an instant): what checks and reviews read. */
export interface FofLedger {
  fof: FofRecord;
  subFunds: SubFundRecord[];
  directs: DirectInvestmentRecord[];
  commitments: LpCommitmentRecord[];
  flows: PositionFlowRecord[];
  valuations: ValuationRecord[];
  amendments: PositionAmendmentRecord[];
  projectInvestments: ProjectInvestmentRecord[];
  projectExits: ProjectExitRecord[];
  incentiveProposals: IncentiveProposalRecord[];
  maLoans: MaLoanRecord[];
  exceptions: PolicyExceptionRecord[];
  secondaryPurchases: SecondaryPurchaseRecord[];
}
