import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../errors/domain-error.js';
import type { Role } from '../ledger/vocabulary.js';
import type { ExemptionAction, ExemptionState } from './case.js';
import { allowedActions, assertCanEdit, canEdit, MAX_COMMENT_LENGTH, transition } from './workflow.js';

/** Issue 5 item 4, written out by hand (not derived from workflow.ts): the outcome of every (state, action, role). */
type Outcome = ExemptionState | 'FORBIDDEN' | 'ILLEGAL_TRANSITION';
const F = 'FORBIDDEN';
const I = 'ILLEGAL_TRANSITION';
//                                   FUND_MANAGER   REVIEWER     ADMIN
const EXPECTED: Record<ExemptionState, Record<ExemptionAction, [Outcome, Outcome, Outcome]>> = {
  DRAFT: {
    SUBMIT: ['SUBMITTED', F, F],
    APPROVE: [F, I, F],
    RETURN: [F, I, F],
  },
  SUBMITTED: {
    SUBMIT: [I, F, F],
    APPROVE: [F, 'APPROVED', F],
    RETURN: [F, 'RETURNED', F],
  },
  RETURNED: {
    SUBMIT: ['SUBMITTED', F, F],
    APPROVE: [F, I, F],
    RETURN: [F, I, F],
  },
  APPROVED: {
    SUBMIT: [I, F, F],
    APPROVE: [F, I, F],
    RETURN: [F, I, F],
  },
};
const ROLES: Role[] = ['FUND_MANAGER', 'REVIEWER', 'ADMIN'];

const rows = Object.entries(EXPECTED).flatMap(([state, byAction]) =>
  Object.entries(byAction).flatMap(([action, outcomes]) => ROLES.map((role, i) => [state as ExemptionState, action as ExemptionAction, role, outcomes[i]!] as const)),
);

function outcomeOf(state: ExemptionState, action: ExemptionAction, role: Role): Outcome {
  try {
    return transition(state, action, role, { comment: '请补充风险处置会议纪要' });
  } catch (e) {
    if (e instanceof DomainError && (e.code === 'FORBIDDEN' || e.code === 'ILLEGAL_TRANSITION')) return e.code;
    throw e;
  }
}

describe('exemption workflow: every (state, action, role)', () => {
  it('covers 4 states × 3 actions × 3 roles', () => expect(rows).toHaveLength(36));
  it.each(rows)('%s + %s by %s → %s', (state, action, role, expected) => {
    expect(outcomeOf(state, action, role)).toBe(expected);
  });
});

describe('errors say why', () => {
  it('a manager cannot approve: FORBIDDEN naming the role needed, whatever the state', () => {
    expect(() => transition('SUBMITTED', 'APPROVE', 'FUND_MANAGER')).toThrow(expect.objectContaining({ code: 'FORBIDDEN', details: { action: 'APPROVE', role: 'FUND_MANAGER', requiredRole: 'REVIEWER' } }));
  });
  it('an approved assessment is final', () => {
    expect(() => transition('APPROVED', 'RETURN', 'REVIEWER', { comment: '重新评估' })).toThrow(/an approved assessment is final/);
  });
  it('an illegal transition lists the actions possible from the state', () => {
    expect(() => transition('DRAFT', 'APPROVE', 'REVIEWER')).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION', details: { state: 'DRAFT', action: 'APPROVE', allowed: ['SUBMIT'] } }));
  });
  it('an unknown action is a VALIDATION error', () => {
    expect(() => transition('DRAFT', 'DELETE' as ExemptionAction, 'FUND_MANAGER')).toThrow(expect.objectContaining({ code: 'VALIDATION', details: [{ path: 'action', reason: 'must be one of SUBMIT, APPROVE, RETURN' }] }));
  });
});

describe('options', () => {
  it('RETURN requires a comment (blank is missing)', () => {
    for (const comment of [undefined, null, '', '   '])
      expect(() => transition('SUBMITTED', 'RETURN', 'REVIEWER', { comment })).toThrow(
        expect.objectContaining({ code: 'VALIDATION', details: [{ path: 'comment', reason: 'a returned assessment says why (comment)' }] }),
      );
    expect(transition('SUBMITTED', 'RETURN', 'REVIEWER', { comment: '缺少投后报告' })).toBe('RETURNED');
  });
  it('APPROVE confirms without options, or overrides with a conclusion and a mandatory reason', () => {
    expect(transition('SUBMITTED', 'APPROVE', 'REVIEWER')).toBe('APPROVED');
    expect(transition('SUBMITTED', 'APPROVE', 'REVIEWER', { override: { conclusion: 'EXEMPT', reason: '市场风险系行业性下行' } })).toBe('APPROVED');
    expect(() => transition('SUBMITTED', 'APPROVE', 'REVIEWER', { override: { conclusion: 'EXEMPT', reason: ' ' } })).toThrow(
      expect.objectContaining({ code: 'VALIDATION', details: [{ path: 'override.reason', reason: 'an override of the computed conclusion needs a reason' }] }),
    );
    expect(() => transition('SUBMITTED', 'APPROVE', 'REVIEWER', { override: { conclusion: 'INCOMPLETE' as 'EXEMPT', reason: '理由' } })).toThrow(
      expect.objectContaining({ details: [{ path: 'override.conclusion', reason: 'must be one of EXEMPT, PARTIAL, NOT_EXEMPT' }] }),
    );
  });
  it('only APPROVE overrides; comments have a length limit', () => {
    expect(() => transition('DRAFT', 'SUBMIT', 'FUND_MANAGER', { override: { conclusion: 'EXEMPT', reason: '理由' } })).toThrow(/only an approval can override/);
    expect(() => transition('DRAFT', 'SUBMIT', 'FUND_MANAGER', { comment: 'x'.repeat(MAX_COMMENT_LENGTH + 1) })).toThrow(/comment: at most 2000 characters/);
    expect(transition('DRAFT', 'SUBMIT', 'FUND_MANAGER', { comment: 'x'.repeat(MAX_COMMENT_LENGTH) })).toBe('SUBMITTED');
  });
});

describe('editing facts, answers and evidence', () => {
  //                                           FUND_MANAGER REVIEWER ADMIN
  const EDIT: Record<ExemptionState, [boolean, boolean, boolean]> = {
    DRAFT: [true, false, false],
    SUBMITTED: [false, false, false],
    RETURNED: [true, false, false],
    APPROVED: [false, false, false],
  };
  const editRows = Object.entries(EDIT).flatMap(([state, can]) => ROLES.map((role, i) => [state as ExemptionState, role, can[i]!] as const));
  it.each(editRows)('canEdit(%s, %s) = %s', (state, role, expected) => {
    expect(canEdit(state, role)).toBe(expected);
    if (expected) expect(() => assertCanEdit(state, role)).not.toThrow();
    else expect(() => assertCanEdit(state, role)).toThrow(DomainError);
  });
  it('a reviewer never changes facts (FORBIDDEN); a locked state is 409 (ILLEGAL_TRANSITION)', () => {
    expect(() => assertCanEdit('SUBMITTED', 'REVIEWER')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => assertCanEdit('APPROVED', 'FUND_MANAGER')).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION', details: { state: 'APPROVED', action: 'EDIT' } }));
  });
});

it('allowedActions lists the buttons of each role', () => {
  expect(allowedActions('DRAFT', 'FUND_MANAGER')).toEqual(['SUBMIT']);
  expect(allowedActions('SUBMITTED', 'REVIEWER')).toEqual(['APPROVE', 'RETURN']);
  expect(allowedActions('SUBMITTED', 'FUND_MANAGER')).toEqual([]);
  expect(allowedActions('APPROVED', 'REVIEWER')).toEqual([]);
  expect(allowedActions('RETURNED', 'ADMIN')).toEqual([]);
});
