import { DomainError } from '../errors/domain-error.js';
import { Decimal } from '../money/decimal.js';
import { isMoneyText, parseMoney, toYuan, type MoneyString } from '../money/money.js';
import type { ExemptionData } from '../policy/policy-pack.js';
import type {
  Actor,
  ChecklistAnswer,
  ConclusionResult,
  ExemptionAction,
  ExemptionCase,
  ExemptionFacts,
  FinalDecision,
  PresenceAnswer,
} from './case.js';
import { conclusionOfCase, type CodeClasses } from './conclusion.js';
import { assertCanEdit, transition, type Override, type TransitionOptions } from './workflow.js';

/**
 * Pure case operations the application service calls inside its transaction: each returns a new case
 * (the input is not changed), with the conclusion recomputed and one audited trail entry appended
 * (who, role, when, what, comment). The clock is injected: `at` is an ISO 8601 instant.
 */

export interface OpenCaseInput extends Pick<ExemptionCase, 'id' | 'caseNo' | 'fofId' | 'subject' | 'trigger' | 'caseDate'> {
  facts: ExemptionFacts;
}

const invalid = (path: string, reason: string) => new DomainError('VALIDATION', `${path}: ${reason}`, [{ path, reason }]);

/** A new DRAFT with every pack item listed and unanswered; only a fund manager opens one. */
export function openCase(input: OpenCaseInput, items: ExemptionData, actor: Actor, at: string, codeClasses?: CodeClasses): ExemptionCase {
  if (actor.role !== 'FUND_MANAGER') throw new DomainError('FORBIDDEN', `the ${actor.role} role cannot open an assessment`, { role: actor.role });
  const base = {
    ...input,
    checklist: items.checklist.map((i): ChecklistAnswer => ({ code: i.code, performed: null, note: '', evidence: [] })),
    negativeList: items.negativeList.map((i): PresenceAnswer => ({ code: i.code, present: null, note: '' })),
    objectiveCauses: items.objectiveCauses.map((i): PresenceAnswer => ({ code: i.code, present: null, note: '' })),
  };
  return {
    ...base,
    state: 'DRAFT',
    computed: conclusionOfCase(base, items, codeClasses),
    decision: null,
    trail: [{ at, actor, action: 'CREATE', from: null, to: 'DRAFT', comment: null }],
  };
}

export type CaseEdit = Partial<Pick<ExemptionCase, 'facts' | 'checklist' | 'negativeList' | 'objectiveCauses'>>;

/** Facts, answers or evidence changed by the fund manager, in DRAFT or RETURNED only. */
export function editCase(c: ExemptionCase, edit: CaseEdit, items: ExemptionData, actor: Actor, at: string, comment: string | null = null, codeClasses?: CodeClasses): ExemptionCase {
  assertCanEdit(c.state, actor.role);
  const next = { ...c, ...edit };
  return {
    ...next,
    computed: conclusionOfCase(next, items, codeClasses),
    trail: [...c.trail, { at, actor, action: 'EDIT', from: c.state, to: c.state, comment }],
  };
}

/**
 * The reviewer's final decision. Without an override it confirms the computed conclusion (an
 * INCOMPLETE one cannot be confirmed: override it with a reason, or return the case). An override
 * needs a different conclusion and a reason; its amounts: EXEMPT = the whole loss exempt, NOT_EXEMPT =
 * none, PARTIAL = `exemptAmount` (0 ≤ it ≤ loss), or the tolerance split computed for the case.
 */
export function finalDecision(computed: ConclusionResult, loss: MoneyString, override: Override | null | undefined, actor: Actor, at: string): FinalDecision {
  const base = { computedConclusion: computed.conclusion, decidedBy: actor, decidedAt: at };
  if (override == null) {
    if (computed.conclusion === 'INCOMPLETE' || computed.exemptAmount === null || computed.nonExemptAmount === null)
      throw invalid('override', `the computed conclusion is INCOMPLETE (${computed.rowId}): override it with a reason, or return the assessment`);
    const { conclusion } = computed;
    return { ...base, conclusion, overridden: false, overrideReason: null, exemptAmount: computed.exemptAmount, nonExemptAmount: computed.nonExemptAmount };
  }
  if (override.conclusion === computed.conclusion) throw invalid('override.conclusion', `is the computed conclusion ${computed.conclusion}: confirm it instead of overriding`);
  const total = parseMoney(loss);
  let exempt: Decimal;
  if (override.conclusion === 'EXEMPT') exempt = total;
  else if (override.conclusion === 'NOT_EXEMPT') exempt = new Decimal(0);
  else if (override.exemptAmount !== undefined) {
    if (!isMoneyText(override.exemptAmount) || parseMoney(override.exemptAmount).lt(0) || parseMoney(override.exemptAmount).gt(total))
      throw invalid('override.exemptAmount', `must be a yuan amount from 0.00 to the loss ${toYuan(total)}`);
    exempt = parseMoney(override.exemptAmount);
  } else if (computed.toleranceAmount !== null) exempt = Decimal.min(total, parseMoney(computed.toleranceAmount));
  else throw invalid('override.exemptAmount', 'no tolerance is set for the case: a PARTIAL override states the exempt amount');
  return {
    ...base,
    conclusion: override.conclusion,
    overridden: true,
    overrideReason: override.reason.trim(),
    exemptAmount: toYuan(exempt),
    nonExemptAmount: toYuan(total.minus(exempt)),
  };
}

/**
 * SUBMIT, APPROVE or RETURN (workflow.ts decides who and from where). SUBMIT recomputes the conclusion
 * and refuses a case with unanswered checklist or negative-list items (VALIDATION naming them); APPROVE
 * records the final decision beside the computed conclusion; RETURN keeps the reviewer's comment.
 */
export function act(c: ExemptionCase, action: ExemptionAction, actor: Actor, opts: TransitionOptions, items: ExemptionData, at: string, codeClasses?: CodeClasses): ExemptionCase {
  const to = transition(c.state, action, actor.role, opts);
  const comment = opts.comment?.trim() || null;
  let computed = c.computed;
  let decision = c.decision;
  if (action === 'SUBMIT') {
    computed = conclusionOfCase(c, items, codeClasses);
    if (computed.rowId === 'UNANSWERED') {
      const issues = [...c.checklist.map((a, i) => (a.performed === null ? `checklist[${i}].performed` : null)), ...c.negativeList.map((a, i) => (a.present === null ? `negativeList[${i}].present` : null))]
        .filter((p): p is string => p !== null)
        .map((path) => ({ path, reason: 'must be answered before the assessment is submitted' }));
      const missing = computed.reasons.filter((r) => r.code.startsWith('UNANSWERED:')).map((r) => r.code.slice('UNANSWERED:'.length));
      throw new DomainError('VALIDATION', `unanswered before submission: ${missing.join(', ')}`, issues.length > 0 ? issues : missing.map((code) => ({ path: code, reason: 'not listed in the case' })));
    }
  }
  if (action === 'APPROVE') decision = finalDecision(computed, c.facts.loss, opts.override, actor, at);
  const overrideReason = decision?.overridden && action === 'APPROVE' ? decision.overrideReason : null;
  return {
    ...c,
    state: to,
    computed,
    decision,
    trail: [...c.trail, { at, actor, action, from: c.state, to, comment, ...(overrideReason ? { overrideReason } : {}) }],
  };
}
