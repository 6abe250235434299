import type { BusinessDate } from '../money/business-date.js';
import type { PolicyFacts } from './facts.js';
import type { ResolvedParameters } from './policy-pack.js';

/** The eleven rules of domain.md, by stable id. */
export const RULE_IDS = [
  'gov-share-cap',
  'fund-term-max',
  'early-stage-allocation-min',
  'early-stage-project-cap',
  'incentive-cap',
  'handoff-annual-cap',
  'ma-match-ratio',
  'ma-loan-terms',
  'loss-tolerance-seed-fund',
  'loss-tolerance-angel-fund',
  'loss-tolerance-direct-project',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type CheckStatus = 'PASS' | 'FAIL' | 'WARN' | 'EXEMPT' | 'NOT_APPLICABLE';

export type SubjectType =
  | 'FOF'
  | 'SUB_FUND'
  | 'CATEGORY'
  | 'DIRECT_INVESTMENT'
  | 'PROJECT_INVESTMENT'
  | 'PROPOSAL'
  | 'MA_LOAN';

export interface CheckSubject {
  type: SubjectType;
  id: string;
  label: string;
  /** For annual rules: the calendar year judged ("2025"). */
  period?: string;
}

export type CheckUnit = 'ratio' | 'years' | 'yuan';

export interface Bilingual {
  zh: string;
  en: string;
}

export interface CheckException {
  documentNo: string;
  approver: string;
  approvedOn: BusinessDate;
}

export interface CheckResult {
  ruleId: RuleId;
  /** Clause of the parameter version applied, e.g. "§二(一)1". */
  clause: string;
  packId: string;
  subject: CheckSubject;
  status: CheckStatus;
  /** Decimal text: ratios with 6 places (toRatio), yuan with 2 (toYuan), years with 6. */
  threshold: string | null;
  actual: string | null;
  /** How much more is possible before the limit (negative: how far past it); unit in headroomUnit. */
  headroom: string | null;
  unit: CheckUnit;
  headroomUnit?: CheckUnit;
  explanation: Bilingual;
  /** Parameter key whose absence made the check NOT_APPLICABLE. */
  missingParameter?: string;
  exception?: CheckException;
  /** from of the main parameter version applied. */
  parameterVersionFrom?: string;
}

/** What a rule knows besides facts and parameters: the as-of date and the pack it cites. */
export interface RuleContext {
  asOf: BusinessDate;
  packId: string;
  instrument: string;
  jurisdiction: string;
}

export type RuleCheck = (facts: PolicyFacts, params: ResolvedParameters, ctx: RuleContext) => CheckResult[];

export interface PolicyRule {
  id: RuleId;
  /** Clause in domain.md (Wuhan); a result cites the clause of the parameter version it applied. */
  clause: string;
  title: Bilingual;
  check: RuleCheck;
}

/** Identity of a check across runs: rule, subject and period. */
export function checkKey(r: Pick<CheckResult, 'ruleId' | 'subject'>): string {
  return [r.ruleId, r.subject.type, r.subject.id, r.subject.period ?? ''].join('|');
}

export function ruleContext(params: ResolvedParameters, asOf: BusinessDate = params.date): RuleContext {
  return { asOf, packId: params.packId, instrument: params.instrument, jurisdiction: params.jurisdiction };
}
