import type { BusinessDate } from '../money/business-date.js';
import type { MoneyString } from '../money/money.js';
import { INVESTOR_KIND } from '../ledger/vocabulary.js';

/**
 * What the policy rules judge. The ledger layer computes these figures as of a date (positions,
 * annual sums, proposals) and passes them in; the rules never read a database or a clock.
 * Money is decimal text in yuan ("12345.67"), dates are 'YYYY-MM-DD'.
 */

export const SUB_FUND_CATEGORIES = [
  'SEED', // 种子基金
  'ANGEL', // 天使基金
  'VC', // 创业投资基金
  'INDUSTRY', // 产业基金
  'MA', // 并购基金
  'S_FUND', // 私募股权二级市场基金
  'CONCEPT_PROOF', // 概念验证基金
  'PILOT', // 中试基金
  'TECH_TRANSFER', // 科技成果转化基金
] as const;
export type SubFundCategory = (typeof SUB_FUND_CATEGORIES)[number];

/** SEED 种子期, STARTUP 初创期 (angel stage), GROWTH 成长期, MATURE 成熟期. */
export const PROJECT_STAGES = ['SEED', 'STARTUP', 'GROWTH', 'MATURE'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

/**
 * The LPs of a sub-fund by kind: the ledger's public vocabulary (domain.md). The FoF's own
 * commitment (kind FOF) is held apart from the others (社会出资人).
 */
export const INVESTOR_KINDS = INVESTOR_KIND.values;
export type InvestorKind = (typeof INVESTOR_KINDS)[number];

export const SUB_FUND_STATUSES = ['FUNDRAISING', 'INVESTING', 'EXITING', 'EXTENDED', 'LIQUIDATED'] as const;
export type SubFundStatus = (typeof SUB_FUND_STATUSES)[number];

/** Outcome of the due-diligence (尽责) assessment some loss tolerances are conditional on. */
export type DueDiligenceStatus = 'PASSED' | 'FAILED' | 'PENDING';

/** The FoF's (or a fund's) figures in one position as of the date: loss = max(0, paidIn − distributed − nav). */
export interface PositionFigures {
  paidIn: MoneyString;
  distributed: MoneyString;
  nav: MoneyString;
}

/** Single-project caps (yuan) a fund's documents set per stage (§二(一)1 差异化设置种子期、天使期单个项目投资额度上限). */
export interface StageCaps {
  SEED?: MoneyString | null;
  STARTUP?: MoneyString | null;
}

export interface FofFacts {
  id: string;
  label: string;
  /** Total size of the FoF (yuan), used by ratio caps on its direct investments; null when unknown. */
  size?: MoneyString | null;
  /** The FoF's own single-project caps for its direct investments, when its rules set them. */
  directProjectCaps?: StageCaps | null;
}

export interface LpCommitment {
  investorKind: InvestorKind;
  investorName: string;
  amount: MoneyString;
}

export interface SubFundFacts {
  id: string;
  label: string;
  category: SubFundCategory;
  status: SubFundStatus;
  firstClose: BusinessDate;
  /** Final dissolution date after every extension on record on the as-of date. */
  termEnd: BusinessDate;
  liquidatedOn?: BusinessDate | null;
  /** The FoF's own commitment to this sub-fund. */
  fofCommitment: MoneyString;
  /** Every other LP's commitment (社会出资人, other government funds, the manager). */
  lpCommitments: readonly LpCommitment[];
  /** The FoF's position in this sub-fund as of the date. */
  fofPosition: PositionFigures;
  /** Single-project caps set by this fund's documents, per stage. */
  projectCaps?: StageCaps | null;
  dueDiligence?: DueDiligenceStatus | null;
}

/** One investment (one round) a sub-fund made in a project. */
export interface ProjectInvestmentFacts {
  id: string;
  label: string;
  subFundId: string;
  /** Identifies the project across rounds; defaults to id. */
  projectId?: string | null;
  stage: ProjectStage;
  investedOn: BusinessDate;
  amount: MoneyString;
  /** 承接: the project is bought from a city seed or angel fund that is exiting it (§二(一)4). */
  handoff: boolean;
  /** Category of the fund the project was taken over from (SEED or ANGEL for a hand-off). */
  sourceFundCategory?: SubFundCategory | null;
  sourceFundId?: string | null;
  /** The sub-fund's position in the project as of the date: needed to judge a hand-off's loss. */
  figures?: PositionFigures | null;
  exitedOn?: BusinessDate | null;
  dueDiligence?: DueDiligenceStatus | null;
}

/** A project the FoF invests in itself (直投). */
export interface DirectInvestmentFacts {
  id: string;
  label: string;
  stage: ProjectStage;
  /** Counts as 直接投资科技创新项目 for the early-stage allocation. */
  techProject: boolean;
  investedOn: BusinessDate;
  /** What the FoF decided to invest (single-project cap). */
  amount: MoneyString;
  figures: PositionFigures;
  exitedOn?: BusinessDate | null;
  dueDiligence?: DueDiligenceStatus | null;
}

/** New investment of one kind in one calendar year (either commitments or paid-in). */
export interface AllocationAmounts {
  /** New commitments (or contributions) to sub-funds, by category. */
  subFundsByCategory: Partial<Record<SubFundCategory, MoneyString>>;
  /** Direct investments in tech projects (直接投资科技创新项目). */
  directTech: MoneyString;
  /** Other direct investments. */
  directOther: MoneyString;
}

/** The FoF's new investment in one calendar year (§二(一)1 当年新增投资额). */
export interface AnnualAllocationFacts {
  year: number;
  commitments: AllocationAmounts;
  /** Needed only when the pack's basis is PAID_IN. */
  paidIn?: AllocationAmounts | null;
}

/** A proposed reward to the social LPs and the manager (§二(一)1 投资激励). */
export interface IncentiveProposalFacts {
  id: string;
  label: string;
  /** The sub-fund the reward concerns; null for a reward on the FoF as a whole. */
  subFundId: string | null;
  /** The FoF's value added on that basis as of the date: max(0, distributed + nav − paidIn). */
  valueAdded: MoneyString;
  /** Rewards already granted on the same basis. */
  previouslyGranted: MoneyString;
  proposedAmount: MoneyString;
}

/** An M&A loan (§二(三)11 并购贷款). */
export interface MaLoanFacts {
  id: string;
  label: string;
  /** 控股型并购: only controlling acquisitions get the relaxed terms. */
  controlling: boolean;
  dealAmount: MoneyString;
  loanAmount: MoneyString;
  startDate: BusinessDate;
  maturityDate: BusinessDate;
}

/** An approved exception on record: the rule's FAIL or WARN on this subject becomes EXEMPT. */
export interface ApprovedException {
  ruleId: string;
  subjectType: string;
  subjectId: string;
  /** Restricts the exception to one period (a year) for annual rules. */
  period?: string | null;
  documentNo: string;
  approver: string;
  approvedOn: BusinessDate;
  validUntil?: BusinessDate | null;
}

export interface PolicyFacts {
  fof: FofFacts;
  subFunds: readonly SubFundFacts[];
  projectInvestments: readonly ProjectInvestmentFacts[];
  directInvestments: readonly DirectInvestmentFacts[];
  annualAllocations: readonly AnnualAllocationFacts[];
  incentiveProposals: readonly IncentiveProposalFacts[];
  maLoans: readonly MaLoanFacts[];
  exceptions: readonly ApprovedException[];
}

/** Facts with every list empty: a start for builders and what-if scenarios. */
export function emptyFacts(fof: FofFacts): PolicyFacts {
  return {
    fof,
    subFunds: [],
    projectInvestments: [],
    directInvestments: [],
    annualAllocations: [],
    incentiveProposals: [],
    maLoans: [],
    exceptions: [],
  };
}
