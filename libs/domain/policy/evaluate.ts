import type { BusinessDate } from '../money/business-date.js';
import type { PolicyFacts } from './facts.js';
import { checkKey, ruleContext, type CheckResult, type CheckStatus, type CheckSubject, type PolicyRule, type RuleId } from './check-result.js';
import { resolveParameters, type PolicyPack, type ResolvedParameters } from './policy-pack.js';
import { earlyStageAllocationMinRule } from './rules/early-stage-allocation-min.rule.js';
import { earlyStageProjectCapRule } from './rules/early-stage-project-cap.rule.js';
import { fundTermMaxRule } from './rules/fund-term-max.rule.js';
import { govShareCapRule } from './rules/gov-share-cap.rule.js';
import { handoffAnnualCapRule } from './rules/handoff-annual-cap.rule.js';
import { incentiveCapRule } from './rules/incentive-cap.rule.js';
import { lossToleranceAngelFundRule } from './rules/loss-tolerance-angel-fund.rule.js';
import { lossToleranceDirectProjectRule } from './rules/loss-tolerance-direct-project.rule.js';
import { lossToleranceSeedFundRule } from './rules/loss-tolerance-seed-fund.rule.js';
import { maLoanTermsRule } from './rules/ma-loan-terms.rule.js';
import { maMatchRatioRule } from './rules/ma-match-ratio.rule.js';

/** The eleven rules, in domain.md order. */
export const RULES: readonly PolicyRule[] = [
  govShareCapRule,
  fundTermMaxRule,
  earlyStageAllocationMinRule,
  earlyStageProjectCapRule,
  incentiveCapRule,
  handoffAnnualCapRule,
  maMatchRatioRule,
  maLoanTermsRule,
  lossToleranceSeedFundRule,
  lossToleranceAngelFundRule,
  lossToleranceDirectProjectRule,
];

export interface EvaluateOptions {
  /** Resolve parameters on this date instead of asOf (grandfathering: the rules in force when a decision was made). */
  parameterDate?: BusinessDate;
  /** Run only these rules. */
  ruleIds?: readonly RuleId[];
}

/** Runs every rule on the facts with the parameters in force on asOf (or options.parameterDate). */
export function evaluateAll(facts: PolicyFacts, pack: PolicyPack, asOf: BusinessDate, options: EvaluateOptions = {}): CheckResult[] {
  const params = resolveParameters(pack, options.parameterDate ?? asOf);
  return evaluateWith(facts, params, asOf, options.ruleIds);
}

/** Same as evaluateAll, with parameters already resolved. */
export function evaluateWith(facts: PolicyFacts, params: ResolvedParameters, asOf: BusinessDate, ruleIds?: readonly RuleId[]): CheckResult[] {
  const ctx = ruleContext(params, asOf);
  return RULES.filter((r) => !ruleIds || ruleIds.includes(r.id)).flatMap((r) => r.check(facts, params, ctx));
}

export interface CheckFilter {
  ruleId?: RuleId | readonly RuleId[];
  status?: CheckStatus | readonly CheckStatus[];
  subjectId?: string;
  subjectType?: CheckSubject['type'];
}

const matches = <T>(want: T | readonly T[] | undefined, have: T) =>
  want === undefined || (Array.isArray(want) ? (want as readonly T[]).includes(have) : want === have);

export function filterChecks(results: readonly CheckResult[], filter: CheckFilter): CheckResult[] {
  return results.filter(
    (r) =>
      matches(filter.ruleId, r.ruleId) &&
      matches(filter.status, r.status) &&
      matches(filter.subjectId, r.subject.id) &&
      matches(filter.subjectType, r.subject.type),
  );
}

export interface CheckChange {
  key: string;
  ruleId: RuleId;
  subject: CheckSubject;
  before: CheckResult | null;
  after: CheckResult | null;
  statusChanged: boolean;
  actualChanged: boolean;
}

/**
 * What-if: the checks whose status or actual figure differ between two runs, plus checks that appear or
 * disappear (a new subject, a subject gone). Keyed by rule, subject and period; order of `after`, then
 * the ones only in `before`.
 */
export function diffChecks(before: readonly CheckResult[], after: readonly CheckResult[]): CheckChange[] {
  const old = new Map(before.map((r) => [checkKey(r), r]));
  const changes: CheckChange[] = [];
  const seen = new Set<string>();
  for (const a of after) {
    const key = checkKey(a);
    seen.add(key);
    const b = old.get(key) ?? null;
    const statusChanged = b?.status !== a.status;
    const actualChanged = b?.actual !== a.actual;
    if (b === null || statusChanged || actualChanged)
      changes.push({ key, ruleId: a.ruleId, subject: a.subject, before: b, after: a, statusChanged: b === null || statusChanged, actualChanged: b === null || actualChanged });
  }
  for (const [key, b] of old)
    if (!seen.has(key)) changes.push({ key, ruleId: b.ruleId, subject: b.subject, before: b, after: null, statusChanged: true, actualChanged: true });
  return changes;
}

export interface GrandfatherRow {
  key: string;
  ruleId: RuleId;
  subject: CheckSubject;
  /** Judged by the parameter versions in force on the decision date. */
  atDecision: CheckResult | null;
  /** The same facts judged by today's parameter versions. */
  underToday: CheckResult | null;
  changed: boolean;
}

export interface GrandfatherReport {
  decisionDate: BusinessDate;
  today: BusinessDate;
  atDecision: CheckResult[];
  underToday: CheckResult[];
  rows: GrandfatherRow[];
}

/**
 * A decision judged by the rules in force when it was made, next to today's rules. The facts are the
 * decision's (as of decisionDate) in both columns; only the parameter date differs.
 */
export function grandfather(facts: PolicyFacts, pack: PolicyPack, decisionDate: BusinessDate, today: BusinessDate): GrandfatherReport {
  const atDecision = evaluateAll(facts, pack, decisionDate);
  const underToday = evaluateAll(facts, pack, decisionDate, { parameterDate: today });
  const todayByKey = new Map(underToday.map((r) => [checkKey(r), r]));
  const rows: GrandfatherRow[] = [];
  const seen = new Set<string>();
  for (const d of atDecision) {
    const key = checkKey(d);
    seen.add(key);
    const t = todayByKey.get(key) ?? null;
    rows.push({ key, ruleId: d.ruleId, subject: d.subject, atDecision: d, underToday: t, changed: t === null || t.status !== d.status || t.threshold !== d.threshold });
  }
  for (const t of underToday)
    if (!seen.has(checkKey(t))) rows.push({ key: checkKey(t), ruleId: t.ruleId, subject: t.subject, atDecision: null, underToday: t, changed: true });
  return { decisionDate, today, atDecision, underToday, rows };
}

const SEVERITY: Record<CheckStatus, number> = { NOT_APPLICABLE: 0, PASS: 1, EXEMPT: 2, WARN: 3, FAIL: 4 };

export interface CheckSummary {
  counts: Record<CheckStatus, number>;
  /** The worst status among the results (FAIL > WARN > EXEMPT > PASS > NOT_APPLICABLE); null when there are none. */
  worst: CheckStatus | null;
}

export function summarizeChecks(results: readonly CheckResult[]): CheckSummary {
  const counts: Record<CheckStatus, number> = { PASS: 0, FAIL: 0, WARN: 0, EXEMPT: 0, NOT_APPLICABLE: 0 };
  let worst: CheckStatus | null = null;
  for (const r of results) {
    counts[r.status] += 1;
    if (worst === null || SEVERITY[r.status] > SEVERITY[worst]) worst = r.status;
  }
  return { counts, worst };
}
