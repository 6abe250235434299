import { DomainError } from '../errors/domain-error.js';
import type { Role } from '../ledger/vocabulary.js';
import type { MoneyString } from '../money/money.js';
import { EXEMPTION_ACTIONS, FINAL_CONCLUSIONS, type ExemptionAction, type ExemptionState, type FinalConclusion } from './case.js';

/**
 * The assessment's workflow (issue 5 item 4): DRAFT → SUBMITTED (fund manager) → APPROVED or RETURNED
 * (reviewer); RETURNED → SUBMITTED (fund manager). APPROVED is final: no action and no edit leaves it.
 * Checks run in this order: the role may take the action at all (else FORBIDDEN, 403), the action
 * leaves the current state (else ILLEGAL_TRANSITION, 409), the options are complete (else VALIDATION, 400).
 * A wrong role therefore gets FORBIDDEN whatever the state, and learns nothing about the case.
 */

/** The one role that may take each action; an administrator takes none (segregation of duties). */
export const ACTION_ROLE: Readonly<Record<ExemptionAction, Role>> = {
  SUBMIT: 'FUND_MANAGER',
  APPROVE: 'REVIEWER',
  RETURN: 'REVIEWER',
};

export interface TransitionRow {
  from: ExemptionState;
  action: ExemptionAction;
  to: ExemptionState;
}

/** Every legal transition; anything else is ILLEGAL_TRANSITION. */
export const TRANSITIONS: readonly TransitionRow[] = [
  { from: 'DRAFT', action: 'SUBMIT', to: 'SUBMITTED' },
  { from: 'RETURNED', action: 'SUBMIT', to: 'SUBMITTED' },
  { from: 'SUBMITTED', action: 'APPROVE', to: 'APPROVED' },
  { from: 'SUBMITTED', action: 'RETURN', to: 'RETURNED' },
];

/** States in which the fund manager edits facts, answers and evidence. */
export const EDITABLE_STATES: readonly ExemptionState[] = ['DRAFT', 'RETURNED'];

/** Longest comment or override reason kept (characters). */
export const MAX_COMMENT_LENGTH = 2000;

export interface Override {
  conclusion: FinalConclusion;
  reason: string;
  /** For an override to PARTIAL: the exempt part of the loss (yuan); the tolerance split when absent. */
  exemptAmount?: MoneyString;
}

export interface TransitionOptions {
  /** Mandatory on RETURN; optional otherwise. */
  comment?: string | null;
  /** APPROVE only: a different final conclusion with a mandatory reason. */
  override?: Override | null;
}

type FieldIssue = { path: string; reason: string };

function invalid(issues: FieldIssue[]): DomainError {
  return new DomainError('VALIDATION', issues.map((i) => `${i.path}: ${i.reason}`).join('; '), issues);
}

const blank = (s: string | null | undefined): boolean => s === null || s === undefined || s.trim() === '';

/** Checks a comment or reason: VALIDATION issues, empty when fine. */
function textIssues(path: string, v: string | null | undefined, required: boolean, why: string): FieldIssue[] {
  if (blank(v)) return required ? [{ path, reason: why }] : [];
  if (typeof v !== 'string') return [{ path, reason: 'must be text' }];
  return v.length > MAX_COMMENT_LENGTH ? [{ path, reason: `at most ${MAX_COMMENT_LENGTH} characters` }] : [];
}

/**
 * The state after `action`, or a DomainError: FORBIDDEN (wrong role), ILLEGAL_TRANSITION (not from
 * this state), VALIDATION (RETURN without a comment; an override without a reason, with a conclusion
 * that is not EXEMPT/PARTIAL/NOT_EXEMPT, or on another action than APPROVE).
 */
export function transition(state: ExemptionState, action: ExemptionAction, role: Role, opts: TransitionOptions = {}): ExemptionState {
  if (!(EXEMPTION_ACTIONS as readonly string[]).includes(action)) throw invalid([{ path: 'action', reason: `must be one of ${EXEMPTION_ACTIONS.join(', ')}` }]);
  const required = ACTION_ROLE[action];
  if (role !== required) throw new DomainError('FORBIDDEN', `${action} is for the ${required} role, not ${role}`, { action, role, requiredRole: required });
  const row = TRANSITIONS.find((t) => t.from === state && t.action === action);
  if (!row) {
    const allowed = TRANSITIONS.filter((t) => t.from === state).map((t) => t.action);
    const why = state === 'APPROVED' ? 'an approved assessment is final' : `from ${state} the possible actions are ${allowed.join(', ') || 'none'}`;
    throw new DomainError('ILLEGAL_TRANSITION', `cannot ${action} an assessment in state ${state}: ${why}`, { state, action, allowed });
  }
  const issues: FieldIssue[] = [...textIssues('comment', opts.comment, action === 'RETURN', 'a returned assessment says why (comment)')];
  const o = opts.override;
  if (o != null) {
    if (action !== 'APPROVE') issues.push({ path: 'override', reason: 'only an approval can override the computed conclusion' });
    else {
      if (!(FINAL_CONCLUSIONS as readonly string[]).includes(o.conclusion)) issues.push({ path: 'override.conclusion', reason: `must be one of ${FINAL_CONCLUSIONS.join(', ')}` });
      issues.push(...textIssues('override.reason', o.reason, true, 'an override of the computed conclusion needs a reason'));
    }
  }
  if (issues.length > 0) throw invalid(issues);
  return row.to;
}

/** The fund manager edits facts, checklist answers and evidence in DRAFT and RETURNED only; a reviewer or administrator never. */
export function canEdit(state: ExemptionState, role: Role): boolean {
  return role === 'FUND_MANAGER' && EDITABLE_STATES.includes(state);
}

/** Throws FORBIDDEN for a role that never edits, ILLEGAL_TRANSITION (409) for a locked state. */
export function assertCanEdit(state: ExemptionState, role: Role): void {
  if (role !== 'FUND_MANAGER') throw new DomainError('FORBIDDEN', `the ${role} role cannot change an assessment's facts, answers or evidence`, { role });
  if (!EDITABLE_STATES.includes(state))
    throw new DomainError('ILLEGAL_TRANSITION', `an assessment in state ${state} cannot be edited (only in ${EDITABLE_STATES.join(' or ')})`, { state, action: 'EDIT' });
}

/** The actions `role` may take in `state` (for a UI's buttons). */
export function allowedActions(state: ExemptionState, role: Role): ExemptionAction[] {
  return TRANSITIONS.filter((t) => t.from === state && ACTION_ROLE[t.action] === role).map((t) => t.action);
}
