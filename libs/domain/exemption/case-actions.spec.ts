import { describe, expect, it } from '@jest/globals';
import type { ExemptionCase } from './case.js';
import { act, editCase, finalDecision, openCase } from './case-actions.js';
import { answers, handoffFacts, MANAGER, REVIEWER, submittedCase, WUHAN_ITEMS } from './testing/exemption-fixtures.js';

const T1 = '2025-10-01T08:00:00.000Z';
const T2 = '2025-10-02T08:00:00.000Z';
const T3 = '2025-10-03T08:00:00.000Z';

function opened(): ExemptionCase {
  return openCase(
    {
      id: 'case-9',
      caseNo: 'WH-MJ-2025-009',
      fofId: 'fof-1',
      subject: { type: 'PROJECT_INVESTMENT', id: 'ho-1', label: '乙公司（承接自天使基金）', categoryOrStage: 'STARTUP' },
      trigger: 'LOSS_TOLERANCE_FAIL',
      caseDate: '2025-09-30',
      facts: handoffFacts('300000.00'),
    },
    WUHAN_ITEMS,
    MANAGER,
    T1,
  );
}

describe('a case from loss to approval', () => {
  it('opens as a DRAFT listing every pack item unanswered, conclusion INCOMPLETE, CREATE audited', () => {
    const c = opened();
    expect(c.state).toBe('DRAFT');
    expect(c.checklist.map((a) => [a.code, a.performed])).toEqual(WUHAN_ITEMS.checklist.map((i) => [i.code, null]));
    expect(c.computed.rowId).toBe('UNANSWERED');
    expect(c.trail).toEqual([{ at: T1, actor: MANAGER, action: 'CREATE', from: null, to: 'DRAFT', comment: null }]);
    expect(() => openCase({ ...c }, WUHAN_ITEMS, REVIEWER, T1)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('cannot be submitted with unanswered items (VALIDATION naming each)', () => {
    const c = editCase(opened(), { ...answers({ unansweredDuties: ['RISK_HANDLING'] }) }, WUHAN_ITEMS, MANAGER, T2);
    expect(() => act(c, 'SUBMIT', MANAGER, {}, WUHAN_ITEMS, T3)).toThrow(
      expect.objectContaining({ code: 'VALIDATION', details: [{ path: 'checklist[4].performed', reason: 'must be answered before the assessment is submitted' }] }),
    );
  });

  it('edit → submit → return → edit → submit → approve: the trail keeps who, role, when, what and comment; the input is not changed', () => {
    const draft = opened();
    const answered = editCase(draft, answers({ causes: ['MARKET_RISK'] }), WUHAN_ITEMS, MANAGER, T2, '填写尽职清单');
    expect(draft.computed.rowId).toBe('UNANSWERED');
    expect(answered.computed).toMatchObject({ conclusion: 'PARTIAL', rowId: 'BEYOND_TOLERANCE_OBJECTIVE_CAUSE', exemptAmount: '600000.00', nonExemptAmount: '100000.00' });
    const submitted = act(answered, 'SUBMIT', MANAGER, {}, WUHAN_ITEMS, T3);
    expect(() => editCase(submitted, answers(), WUHAN_ITEMS, MANAGER, T3)).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
    const returned = act(submitted, 'RETURN', REVIEWER, { comment: '请补充投后报告' }, WUHAN_ITEMS, T3);
    const fixed = editCase(returned, answers({ causes: ['FORCE_MAJEURE'] }), WUHAN_ITEMS, MANAGER, T3);
    const again = act(fixed, 'SUBMIT', MANAGER, { comment: '已补充' }, WUHAN_ITEMS, T3);
    const approved = act(again, 'APPROVE', REVIEWER, {}, WUHAN_ITEMS, T3);
    expect(approved.decision).toEqual({
      conclusion: 'EXEMPT',
      computedConclusion: 'EXEMPT',
      overridden: false,
      overrideReason: null,
      exemptAmount: '700000.00',
      nonExemptAmount: '0.00',
      decidedBy: REVIEWER,
      decidedAt: T3,
    });
    expect(approved.trail.map((e) => [e.action, e.actor.role, e.from, e.to, e.comment])).toEqual([
      ['CREATE', 'FUND_MANAGER', null, 'DRAFT', null],
      ['EDIT', 'FUND_MANAGER', 'DRAFT', 'DRAFT', '填写尽职清单'],
      ['SUBMIT', 'FUND_MANAGER', 'DRAFT', 'SUBMITTED', null],
      ['RETURN', 'REVIEWER', 'SUBMITTED', 'RETURNED', '请补充投后报告'],
      ['EDIT', 'FUND_MANAGER', 'RETURNED', 'RETURNED', null],
      ['SUBMIT', 'FUND_MANAGER', 'RETURNED', 'SUBMITTED', '已补充'],
      ['APPROVE', 'REVIEWER', 'SUBMITTED', 'APPROVED', null],
    ]);
    expect(() => act(approved, 'RETURN', REVIEWER, { comment: '重审' }, WUHAN_ITEMS, T3)).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
    expect(() => editCase(approved, answers(), WUHAN_ITEMS, MANAGER, T3)).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
  });

  it('an override keeps both conclusions and the reason, in the decision and in the trail', () => {
    const approved = act(submittedCase(), 'APPROVE', REVIEWER, { override: { conclusion: 'EXEMPT', reason: '行业性下行属不可抗力范畴' } }, WUHAN_ITEMS, T3);
    expect(approved.decision).toMatchObject({ conclusion: 'EXEMPT', computedConclusion: 'PARTIAL', overridden: true, overrideReason: '行业性下行属不可抗力范畴', exemptAmount: '700000.00' });
    expect(approved.computed.conclusion).toBe('PARTIAL');
    expect(approved.trail.at(-1)).toMatchObject({ action: 'APPROVE', overrideReason: '行业性下行属不可抗力范畴' });
  });
});

describe('finalDecision', () => {
  const c = submittedCase(); // computed PARTIAL, 600,000.00 / 100,000.00, loss 700,000.00
  it('an override needs a different conclusion', () => {
    expect(() => finalDecision(c.computed, c.facts.loss, { conclusion: 'PARTIAL', reason: '同意' }, REVIEWER, T3)).toThrow(/confirm it instead of overriding/);
  });
  it('override amounts: NOT_EXEMPT none exempt; PARTIAL the stated amount, within 0 … loss', () => {
    expect(finalDecision({ ...c.computed, conclusion: 'EXEMPT' }, '700000.00', { conclusion: 'NOT_EXEMPT', reason: '证据不足' }, REVIEWER, T3)).toMatchObject({
      exemptAmount: '0.00',
      nonExemptAmount: '700000.00',
    });
    const partial = (exemptAmount?: string) => finalDecision({ ...c.computed, conclusion: 'NOT_EXEMPT' }, '700000.00', { conclusion: 'PARTIAL', reason: '部分履职', exemptAmount }, REVIEWER, T3);
    expect(partial('350000.5')).toMatchObject({ exemptAmount: '350000.50', nonExemptAmount: '349999.50' });
    expect(partial()).toMatchObject({ exemptAmount: '600000.00', nonExemptAmount: '100000.00' });
    expect(() => partial('700000.01')).toThrow(expect.objectContaining({ details: [{ path: 'override.exemptAmount', reason: 'must be a yuan amount from 0.00 to the loss 700000.00' }] }));
  });
  it('an INCOMPLETE conclusion cannot be confirmed; with no tolerance a PARTIAL override states its amount', () => {
    const incomplete = { ...c.computed, conclusion: 'INCOMPLETE' as const, rowId: 'TOLERANCE_UNKNOWN', exemptAmount: null, nonExemptAmount: null, toleranceAmount: null };
    expect(() => finalDecision(incomplete, '700000.00', null, REVIEWER, T3)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(() => finalDecision(incomplete, '700000.00', { conclusion: 'PARTIAL', reason: '理由' }, REVIEWER, T3)).toThrow(/states the exempt amount/);
    expect(finalDecision(incomplete, '700000.00', { conclusion: 'EXEMPT', reason: '郑州容错率按 70% 掌握' }, REVIEWER, T3).exemptAmount).toBe('700000.00');
  });
});
