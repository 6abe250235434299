import type { BusinessDate } from '../money/business-date.js';
import type { MoneyString, RatioString } from '../money/money.js';
import type { FigureSet } from '../figures/position-figures.js';
import type { CheckResult } from '../policy/check-result.js';

/**
 * The whole-lifecycle review of a FoF as of a date (武政办〔2025〕67号 §二(一)5): what the HTTP review
 * returns and what the workbook is built from. Money is decimal text, ratios six-place decimal text.
 */
export interface ReviewModel {
  fof: { id: string; code: string; name: string; jurisdiction: string };
  asOf: BusinessDate;
  /** The instant the ledger is read as known at; null = everything recorded so far. */
  knownAt: string | null;
  generatedAt: string;
  generatedBy: string;
  policyPack: { id: string; instrument: string; title: string; revision: number } | null;
  portfolio: FigureSet;
  categories: CategoryRow[];
  vintages: VintageRow[];
  positions: PositionRow[];
  /** Per calendar year: new investment and the early-stage share against its target. */
  annualAllocation: AnnualAllocationRow[];
  /** Per VC/INDUSTRY sub-fund and year: hand-offs against the annual cap. */
  handoffs: HandoffRow[];
  secondaryPurchases: SecondaryPurchaseRow[];
  checks: CheckResult[];
  /** Every exemption assessment of the FoF, with its status and conclusion. */
  exemptions: ExemptionRow[];
  /**
   * Losses beyond tolerance (a FAIL on a loss-tolerance rule), kept apart: exempt by an approved
   * assessment, not exempt, and not decided yet. A PARTIAL decision puts its exempt part in `exempt`
   * and the rest in `notExempt`.
   */
  lossesBeyondTolerance: { exempt: LossLine[]; notExempt: LossLine[]; pending: LossLine[] };
}

export interface LossLine {
  ruleId: string;
  subjectType: string;
  subjectId: string;
  subjectLabel: string;
  /** The part of the loss in this bucket. */
  amount: MoneyString;
  caseId: string | null;
}

export interface CategoryRow {
  /** A sub-fund category, or DIRECT for the FoF's direct investments. */
  category: string;
  labelZh: string;
  labelEn: string;
  positions: number;
  figures: FigureSet;
}

export interface VintageRow {
  /** First close year of a sub-fund, decision year of a direct investment. */
  year: number;
  positions: number;
  figures: FigureSet;
}

export interface PositionRow {
  kind: 'SUB_FUND' | 'DIRECT';
  id: string;
  code: string;
  name: string;
  /** Sub-fund category, or the direct investment's stage. */
  category: string;
  status: string;
  vintage: number;
  /** The FoF's share of the sub-fund's total commitments; null for a direct investment. */
  fofShare: RatioString | null;
  figures: FigureSet;
}

export interface AnnualAllocationRow {
  year: number;
  /** Basis of the figures: COMMITMENTS or PAID_IN (from the pack). */
  basis: string;
  newInvestment: MoneyString;
  earlyStage: MoneyString;
  earlyStageShare: RatioString | null;
  target: RatioString | null;
  status: string;
}

export interface HandoffRow {
  year: number;
  subFundId: string;
  subFundCode: string;
  newInvestment: MoneyString;
  handoffAmount: MoneyString;
  share: RatioString | null;
  cap: RatioString | null;
  status: string;
}

export interface SecondaryPurchaseRow {
  id: string;
  purchaseDate: BusinessDate;
  buyer: string;
  fundInterest: string;
  seller: string;
  commitmentTransferred: MoneyString;
  paidInTransferred: MoneyString;
  unfundedTransferred: MoneyString;
  referenceNav: MoneyString;
  referenceNavDate: BusinessDate;
  price: MoneyString;
  /** 1 − price / referenceNav; null when the reference NAV is zero. */
  discountToNav: RatioString | null;
  /** The unfunded commitment taken on with the interest. */
  unfundedTakenOn: MoneyString;
}

export interface ExemptionRow {
  caseId: string;
  subjectType: string;
  subjectId: string;
  subjectLabel: string;
  loss: MoneyString;
  lossRatio: RatioString | null;
  tolerance: RatioString | null;
  status: string;
  conclusion: string | null;
  decidedOn: BusinessDate | null;
}

/**
 * One cash flow of the FoF as the workbook lists it, signed the XIRR way (contributions negative,
 * distributions positive); each position's block ends with its NAV as a final inflow on the as-of date.
 */
export interface CashFlowRow {
  /** The position's id: what the workbook keys a block by (codes are unique only among sub-funds, or among direct investments). */
  positionId: string;
  positionCode: string;
  positionName: string;
  category: string;
  date: BusinessDate;
  /** CONTRIBUTION, DISTRIBUTION or NAV (the terminal value). */
  type: 'CONTRIBUTION' | 'DISTRIBUTION' | 'NAV';
  amount: MoneyString;
}
