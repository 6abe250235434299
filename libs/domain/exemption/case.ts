import type { Role } from '../ledger/vocabulary.js';
import type { BusinessDate } from '../money/business-date.js';
import type { MoneyString, RatioString } from '../money/money.js';
import type { Bilingual, RuleId } from '../policy/check-result.js';

/**
 * An exemption assessment (尽职免责评估, domain.md "Exemption assessment"; 武政办〔2025〕67号 §二(一)5):
 * one loss event of one subject, the facts as of the case date, the answers to the policy pack's
 * checklist, negative list and objective causes, the computed conclusion and the reviewer's decision.
 */

export const EXEMPTION_SUBJECT_TYPES = ['SUB_FUND', 'DIRECT_INVESTMENT', 'PROJECT_INVESTMENT'] as const;
export type ExemptionSubjectType = (typeof EXEMPTION_SUBJECT_TYPES)[number];

export interface ExemptionSubject {
  type: ExemptionSubjectType;
  id: string;
  label: string;
  /** A sub-fund's category (SEED, ANGEL …) or a project's stage (SEED, STARTUP …): `type` says which vocabulary. */
  categoryOrStage: string;
}

/** What opened the case: a FAIL on a loss-tolerance rule, a written-off project, a sub-fund liquidated at a loss. */
export const EXEMPTION_TRIGGERS = ['LOSS_TOLERANCE_FAIL', 'WRITTEN_OFF', 'LIQUIDATED_AT_LOSS'] as const;
export type ExemptionTrigger = (typeof EXEMPTION_TRIGGERS)[number];

/**
 * OWN: the subject's own tolerance. INHERITED_FROM_SOURCE_FUND: a hand-off (承接) keeps the tolerance of
 * the seed or angel fund it was taken over from (§二(一)4 承接投资适用种子基金、天使基金容错免责政策).
 */
export type ToleranceSource = 'OWN' | 'INHERITED_FROM_SOURCE_FUND';

export interface SourceFund {
  id: string;
  label: string;
  /** SEED or ANGEL: the category whose tolerance the hand-off keeps. */
  category: string;
}

/** The figures as of the case date, in yuan (two decimals) and ratios (six decimals). */
export interface ExemptionFacts {
  /** Total invested (投资总额): the FoF's (or the fund's, for a hand-off) paid-in into the subject. */
  invested: MoneyString;
  /** Distributions received. */
  recovered: MoneyString;
  /** NAV or other remaining value as of the case date. */
  remainingValue: MoneyString;
  /** max(0, invested − recovered − remainingValue). */
  loss: MoneyString;
  /** loss / invested to six places; null when nothing was invested. */
  lossRatio: RatioString | null;
  /** Highest tolerated loss ratio; null when the pack leaves it unset (e.g. Zhengzhou's "higher" tolerance). */
  tolerance: RatioString | null;
  toleranceSource: ToleranceSource;
  /** The fund whose tolerance a hand-off keeps; null unless toleranceSource is INHERITED_FROM_SOURCE_FUND. */
  sourceFund: SourceFund | null;
  /** The loss-tolerance rule that applies, and the clause of the parameter version applied. */
  ruleId: RuleId | null;
  clause: string | null;
  packId: string;
  packRevision: number | null;
}

export interface EvidenceRef {
  id: string;
  title: string;
  /** Document number (文号), e.g. 武金控投决〔2024〕15号; empty when the document has none. */
  documentNo: string;
  date: BusinessDate;
  /** The uploaded file kept by the service, when there is one (see evidence.ts for the limits). */
  fileName?: string;
  /** Lower-case hex SHA-256 of the stored bytes. */
  sha256?: string;
  size?: number;
  mimeType?: string;
}

/** One due-diligence duty; performed null = not answered yet. */
export interface ChecklistAnswer {
  code: string;
  performed: boolean | null;
  note: string;
  evidence: EvidenceRef[];
}

/** One negative-list item (负面清单) or objective cause; present null = not answered yet. */
export interface PresenceAnswer {
  code: string;
  present: boolean | null;
  note: string;
}

export const EXEMPTION_STATES = ['DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED'] as const;
export type ExemptionState = (typeof EXEMPTION_STATES)[number];

export const EXEMPTION_ACTIONS = ['SUBMIT', 'APPROVE', 'RETURN'] as const;
export type ExemptionAction = (typeof EXEMPTION_ACTIONS)[number];

/** INCOMPLETE is computed only: a final decision is one of the other three. */
export const CONCLUSIONS = ['EXEMPT', 'PARTIAL', 'NOT_EXEMPT', 'INCOMPLETE'] as const;
export type Conclusion = (typeof CONCLUSIONS)[number];
export type FinalConclusion = Exclude<Conclusion, 'INCOMPLETE'>;
export const FINAL_CONCLUSIONS: readonly FinalConclusion[] = ['EXEMPT', 'PARTIAL', 'NOT_EXEMPT'];

export interface Reason extends Bilingual {
  /** The conclusion-table row id for the first reason; detail codes (DUTY_NOT_PERFORMED:RISK_HANDLING …) after it. */
  code: string;
}

export interface ConclusionResult {
  conclusion: Conclusion;
  /** Id of the conclusion-table row that matched (conclusion-table.ts). */
  rowId: string;
  reasons: Reason[];
  /** Within the tolerance (loss ≤ tolerance × invested, exactly); null when the tolerance is unknown. */
  withinTolerance: boolean | null;
  /** tolerance × invested, floored to the fen; null when the tolerance is unknown. */
  toleranceAmount: MoneyString | null;
  /** The exempt and the non-exempt part of the loss; null for INCOMPLETE. They add up to the loss. */
  exemptAmount: MoneyString | null;
  nonExemptAmount: MoneyString | null;
}

export interface Actor {
  id: string;
  name: string;
  role: Role;
}

export interface FinalDecision {
  conclusion: FinalConclusion;
  /** The computed conclusion at the time of the decision, kept beside the final one. */
  computedConclusion: Conclusion;
  overridden: boolean;
  /** Mandatory when overridden, null otherwise. */
  overrideReason: string | null;
  exemptAmount: MoneyString;
  nonExemptAmount: MoneyString;
  decidedBy: Actor;
  /** ISO 8601 instant. */
  decidedAt: string;
}

export type TrailAction = 'CREATE' | 'EDIT' | ExemptionAction;

/** One audited step: who, in which role, when, what, from which state to which, with what comment. */
export interface TrailEntry {
  at: string;
  actor: Actor;
  action: TrailAction;
  from: ExemptionState | null;
  to: ExemptionState;
  comment: string | null;
  /** Set on an APPROVE that overrides the computed conclusion. */
  overrideReason?: string | null;
}

export interface ExemptionCase {
  id: string;
  /** Human case number printed on the report, e.g. WH-MJ-2025-001. */
  caseNo: string;
  fofId: string;
  subject: ExemptionSubject;
  trigger: ExemptionTrigger;
  /** The facts are as of this date. */
  caseDate: BusinessDate;
  facts: ExemptionFacts;
  checklist: ChecklistAnswer[];
  negativeList: PresenceAnswer[];
  objectiveCauses: PresenceAnswer[];
  state: ExemptionState;
  /** Recomputed whenever facts or answers change (conclusion.ts). */
  computed: ConclusionResult;
  /** Set on APPROVE; null before. */
  decision: FinalDecision | null;
  trail: TrailEntry[];
}
