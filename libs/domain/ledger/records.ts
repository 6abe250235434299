import type { BusinessDate } from '../money/business-date.js';
import type { MoneyString } from '../money/money.js';

/** What the ledger holds, as the domain sees it. Money is decimal text, business dates 'YYYY-MM-DD'. */

export interface FofRecord {
  id: string;
  organizationId: string;
  code: string;
  name: string;
  jurisdiction: string;
  strictMode: boolean;
  createdAt: Date;
  createdBy: string | null;
}

export interface SubFundRecord {
  id: string;
  fofId: string;
  code: string;
  name: string;
  category: string;
  manager: string;
  firstClose: BusinessDate;
  termEnd: BusinessDate;
  /** Single-project caps set by the fund's documents, per stage; null when they set none. */
  seedProjectCap: MoneyString | null;
  startupProjectCap: MoneyString | null;
  createdAt: Date;
  createdBy: string | null;
}

export interface DirectInvestmentRecord {
  id: string;
  fofId: string;
  code: string;
  projectName: string;
  stage: string;
  isTech: boolean;
  decisionDate: BusinessDate;
  commitment: MoneyString;
  createdAt: Date;
  createdBy: string | null;
}

/** Columns every ledger row carries. */
export interface LedgerMeta {
  id: string;
  fofId: string;
  recordedAt: Date;
  recordedBy: string;
  reversesId: string | null;
  reason: string | null;
}

export interface LpCommitmentRecord extends LedgerMeta {
  subFundId: string;
  investorName: string;
  investorKind: string;
  amount: MoneyString;
  commitDate: BusinessDate;
}

export interface PositionAmendmentRecord extends LedgerMeta {
  subFundId: string | null;
  directInvestmentId: string | null;
  kind: string;
  effectiveDate: BusinessDate;
  newTermEnd: BusinessDate | null;
  newStatus: string | null;
  documentNo: string | null;
}

export interface PositionFlowRecord extends LedgerMeta {
  subFundId: string | null;
  directInvestmentId: string | null;
  flowType: string;
  distributionKind: string | null;
  flowDate: BusinessDate;
  amount: MoneyString;
}

export interface ValuationRecord extends LedgerMeta {
  subFundId: string | null;
  directInvestmentId: string | null;
  valuationDate: BusinessDate;
  nav: MoneyString;
}

export interface ProjectInvestmentRecord extends LedgerMeta {
  subFundId: string;
  projectName: string;
  stage: string;
  investmentDate: BusinessDate;
  amount: MoneyString;
  isHandoff: boolean;
  handoffSourceSubFundId: string | null;
  handoffSourceProject: string | null;
}

export interface ProjectExitRecord extends LedgerMeta {
  subFundId: string;
  projectInvestmentId: string;
  exitDate: BusinessDate;
  proceeds: MoneyString;
}

export interface SecondaryPurchaseRecord extends LedgerMeta {
  buyerSubFundId: string | null;
  targetSubFundId: string | null;
  fundInterest: string;
  seller: string;
  purchaseDate: BusinessDate;
  commitmentTransferred: MoneyString;
  paidInTransferred: MoneyString;
  unfundedTransferred: MoneyString;
  referenceNav: MoneyString;
  referenceNavDate: BusinessDate;
  price: MoneyString;
}

export interface IncentiveProposalRecord extends LedgerMeta {
  subFundId: string;
  proposalDate: BusinessDate;
  socialLpReward: MoneyString;
  managerReward: MoneyString;
  description: string;
}

export interface PolicyExceptionRecord extends LedgerMeta {
  ruleId: string;
  subjectType: string;
  subjectId: string;
  documentNo: string;
  approver: string;
  approvedOn: BusinessDate;
  note: string | null;
}

export interface MaLoanRecord extends LedgerMeta {
  subFundId: string | null;
  borrower: string;
  target: string;
  controlling: boolean;
  dealAmount: MoneyString;
  loanAmount: MoneyString;
  startDate: BusinessDate;
  maturityDate: BusinessDate;
}

/** The ledger tables, by the name the API uses for them. */
export interface LedgerKinds {
  'lp-commitments': LpCommitmentRecord;
  amendments: PositionAmendmentRecord;
  flows: PositionFlowRecord;
  valuations: ValuationRecord;
  'project-investments': ProjectInvestmentRecord;
  'project-exits': ProjectExitRecord;
  'secondary-purchases': SecondaryPurchaseRecord;
  'incentive-proposals': IncentiveProposalRecord;
  exceptions: PolicyExceptionRecord;
  'ma-loans': MaLoanRecord;
}
export type LedgerKind = keyof LedgerKinds;
export type LedgerInput<K extends LedgerKind> = Omit<LedgerKinds[K], keyof LedgerMeta>;
