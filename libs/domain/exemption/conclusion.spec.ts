import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../errors/domain-error.js';
import type { ConclusionResult } from './case.js';
import { computeConclusion, DEFAULT_CODE_CLASSES } from './conclusion.js';
import { CONCLUSION_TABLE, matchRow, type Situation } from './conclusion-table.js';
import { answers, handoffFacts, WUHAN_ITEMS, type AnswerSpec } from './testing/exemption-fixtures.js';

/**
 * 武政办〔2025〕67号 §二(一)5 (exemption) and §二(一)4 (a hand-off keeps its source fund's tolerance).
 * Subject: a project a VC fund took over from an angel fund, 1,000,000.00 invested, judged with the angel
 * 60% tolerance (tolerance amount 600,000.00); the remaining value sets the loss.
 */
const run = (remainingValue: string, spec: AnswerSpec = {}, tolerance: string | null = '0.6'): ConclusionResult =>
  computeConclusion({ facts: handoffFacts(remainingValue, tolerance), ...answers(spec), items: WUHAN_ITEMS });

const amounts = (r: ConclusionResult) => [r.conclusion, r.rowId, r.exemptAmount, r.nonExemptAmount];
const codes = (r: ConclusionResult) => r.reasons.map((x) => x.code);

/** One spec per row of CONCLUSION_TABLE, run as one test named after the row. */
const ROW_SPECS: Record<string, () => void> = {
  NEGATIVE_ITEM_PRESENT: () => {
    // First match wins: a present negative item decides even with unanswered items and force majeure.
    const r = run('300000.00', { negatives: ['BENEFIT_TRANSFER'], unansweredDuties: ['RISK_HANDLING'], causes: ['FORCE_MAJEURE'] });
    expect(amounts(r)).toEqual(['NOT_EXEMPT', 'NEGATIVE_ITEM_PRESENT', '0.00', '700000.00']);
    expect(r.reasons[0]!.zh).toBe('存在负面清单情形（利益输送），不得免责：亏损 700,000.00 元 全部不予免责');
    expect(r.reasons[0]!.en).toBe('A negative-list item is present (Benefit transfer): no exemption is possible; the whole loss of CNY 700,000.00 is not exempt');
    expect(codes(r)).toContain('NEGATIVE_ITEM_PRESENT:BENEFIT_TRANSFER');
  },
  UNANSWERED: () => {
    const r = run('300000.00', { unansweredDuties: ['RISK_HANDLING'], unansweredNegatives: ['FALSIFICATION'] });
    expect(amounts(r)).toEqual(['INCOMPLETE', 'UNANSWERED', null, null]);
    expect(r.reasons[0]!.zh).toContain('（风险发生后及时采取处置措施、弄虚作假）');
    expect(r.reasons[0]!.en).toContain('(Risks were handled promptly once they arose, Falsification)');
    expect(codes(r)).toEqual(expect.arrayContaining(['UNANSWERED:RISK_HANDLING', 'UNANSWERED:FALSIFICATION']));
  },
  FORCE_MAJEURE_DUTIES_PERFORMED: () => {
    // Even 90% beyond the 60% tolerance.
    const r = run('100000.00', { causes: ['FORCE_MAJEURE', 'MARKET_RISK'] });
    expect(amounts(r)).toEqual(['EXEMPT', 'FORCE_MAJEURE_DUTIES_PERFORMED', '900000.00', '0.00']);
    expect(r.withinTolerance).toBe(false);
    expect(r.reasons[0]!.zh).toContain('亏损 900,000.00 元 全部免责');
  },
  CORE_DUTY_NOT_PERFORMED: () => {
    // A pre-investment duty not performed: force majeure and a loss within tolerance do not help.
    const r = run('500000.00', { unperformed: ['DUE_DILIGENCE_REPORT', 'RISK_HANDLING'], causes: ['FORCE_MAJEURE'] });
    expect(amounts(r)).toEqual(['NOT_EXEMPT', 'CORE_DUTY_NOT_PERFORMED', '0.00', '500000.00']);
    expect(r.reasons[0]!.zh).toBe('未履行尽职事项（开展尽职调查并形成尽职调查报告、风险发生后及时采取处置措施），不符合尽职合规免责条件：亏损 500,000.00 元 不予免责');
    expect(codes(r)).toEqual(expect.arrayContaining(['DUTY_NOT_PERFORMED:DUE_DILIGENCE_REPORT', 'DUTY_NOT_PERFORMED:RISK_HANDLING', 'OBJECTIVE_CAUSE:FORCE_MAJEURE']));
  },
  POST_INVESTMENT_LAPSE_WITHOUT_FORCE_MAJEURE: () => {
    const r = run('500000.00', { unperformed: ['POST_INVESTMENT_MANAGEMENT'], causes: ['MARKET_RISK'] });
    expect(amounts(r)).toEqual(['NOT_EXEMPT', 'POST_INVESTMENT_LAPSE_WITHOUT_FORCE_MAJEURE', '0.00', '500000.00']);
    expect(r.reasons[0]!.en).toContain('(Post-investment management duties were performed) and no force majeure');
  },
  TOLERANCE_UNKNOWN: () => {
    const r = run('300000.00', {}, null);
    expect(amounts(r)).toEqual(['INCOMPLETE', 'TOLERANCE_UNKNOWN', null, null]);
    expect([r.withinTolerance, r.toleranceAmount]).toEqual([null, null]);
    expect(r.reasons[0]!.zh).toContain('亏损 700,000.00 元（亏损率 70.0000%）');
    expect(r.reasons[1]!.en).toBe('Loss CNY 700,000.00 is 70.0000% of the CNY 1,000,000.00 invested; no tolerance set (a hand-off from the angel fund “光谷天使基金”, which keeps its tolerance (§二(一)4))');
    // Force majeure with a post-investment lapse needs the tolerance too.
    expect(run('300000.00', { unperformed: ['RISK_HANDLING'], causes: ['FORCE_MAJEURE'] }, null).rowId).toBe('TOLERANCE_UNKNOWN');
  },
  FORCE_MAJEURE_POST_INVESTMENT_LAPSE: () => {
    const r = run('300000.00', { unperformed: ['RISK_HANDLING', 'POST_INVESTMENT_MANAGEMENT'], causes: ['FORCE_MAJEURE'] });
    expect(amounts(r)).toEqual(['PARTIAL', 'FORCE_MAJEURE_POST_INVESTMENT_LAPSE', '600000.00', '100000.00']);
    expect(r.reasons[0]!.zh).toContain('免责 600,000.00 元，不予免责 100,000.00 元；未履行的职责本身不予免责');
    // Within the tolerance the whole loss falls in the exempt part; the conclusion stays PARTIAL (the lapse is not exempt).
    expect(amounts(run('500000.00', { unperformed: ['RISK_HANDLING'], causes: ['FORCE_MAJEURE'] }))).toEqual([
      'PARTIAL',
      'FORCE_MAJEURE_POST_INVESTMENT_LAPSE',
      '500000.00',
      '0.00',
    ]);
  },
  WITHIN_TOLERANCE_DUTIES_PERFORMED: () => {
    const r = run('450000.00');
    expect(amounts(r)).toEqual(['EXEMPT', 'WITHIN_TOLERANCE_DUTIES_PERFORMED', '550000.00', '0.00']);
    expect(r.reasons[0]!.zh).toBe('亏损率 55.0000% 未超过容忍上限 60.0000%（亏损 550,000.00 元 不超过容忍额 600,000.00 元），且尽职事项均已履行：亏损全部免责');
    // An objective cause does not change a loss within tolerance.
    expect(run('450000.00', { causes: ['POLICY_CHANGE'] }).rowId).toBe('WITHIN_TOLERANCE_DUTIES_PERFORMED');
  },
  BEYOND_TOLERANCE_OBJECTIVE_CAUSE: () => {
    const r = run('300000.00', { causes: ['POLICY_CHANGE', 'TECHNOLOGY_RISK'] });
    expect(amounts(r)).toEqual(['PARTIAL', 'BEYOND_TOLERANCE_OBJECTIVE_CAUSE', '600000.00', '100000.00']);
    expect(r.reasons[0]!.zh).toBe(
      '尽职事项均已履行，亏损率 70.0000% 超过容忍上限 60.0000%；存在不可抗力以外的客观原因（政策调整、技术路线风险）：容忍额内 600,000.00 元 免责，超出部分 100,000.00 元 不予免责，客观原因记入报告供审核人裁量',
    );
    expect(r.reasons[1]!.zh).toBe(
      '亏损 700,000.00 元，占投资总额 1,000,000.00 元 的 70.0000%；容忍上限 60.0000%（承接自天使基金「光谷天使基金」，沿用其容忍度（§二(一)4）），容忍额 600,000.00 元：超出 100,000.00 元',
    );
  },
  BEYOND_TOLERANCE_NO_CAUSE: () => {
    const r = run('300000.00');
    expect(amounts(r)).toEqual(['PARTIAL', 'BEYOND_TOLERANCE_NO_CAUSE', '600000.00', '100000.00']);
    expect(r.reasons[0]!.en).toBe(
      'Every duty was performed; the loss ratio of 70.0000% exceeds the 60.0000% tolerance and no objective cause is present: CNY 600,000.00 within the tolerance is exempt, the CNY 100,000.00 beyond it is not',
    );
  },
};

describe('conclusion table, row by row (first match wins)', () => {
  for (const row of CONCLUSION_TABLE) it(`${row.id} → ${row.conclusion}`, ROW_SPECS[row.id] ?? (() => expect(`a spec for ${row.id}`).toBe('written')));

  it('every spec is a row of the table, each row once', () => {
    const ids = CONCLUSION_TABLE.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(ROW_SPECS).sort()).toEqual([...ids].sort());
  });

  it('every combination of the six dimensions reaches a row; a present negative item always ends NOT_EXEMPT', () => {
    let combos = 0;
    for (const negative of ['PRESENT', 'NONE'] as const)
      for (const answered of ['COMPLETE', 'MISSING'] as const)
        for (const duties of ['ALL_PERFORMED', 'ONLY_POST_INVESTMENT_UNPERFORMED', 'OTHER_UNPERFORMED'] as const)
          for (const forceMajeure of [true, false])
            for (const otherCause of [true, false])
              for (const tolerance of ['WITHIN', 'BEYOND', 'UNKNOWN'] as const) {
                const s: Situation = { negative, answers: answered, duties, forceMajeure, otherCause, tolerance };
                const row = matchRow(s);
                expect(row).toBeDefined();
                if (negative === 'PRESENT') expect(row!.conclusion).toBe('NOT_EXEMPT');
                combos++;
              }
    expect(combos).toBe(144);
  });
});

describe('boundaries and inputs', () => {
  it('a loss exactly at the tolerance counts as within; one fen more is beyond by one fen', () => {
    expect(amounts(run('400000.00'))).toEqual(['EXEMPT', 'WITHIN_TOLERANCE_DUTIES_PERFORMED', '600000.00', '0.00']);
    expect(run('400000.00').withinTolerance).toBe(true);
    expect(amounts(run('399999.99'))).toEqual(['PARTIAL', 'BEYOND_TOLERANCE_NO_CAUSE', '600000.00', '0.01']);
  });

  it('within is judged exactly, and the exempt part never exceeds the tolerance (floored to the fen)', () => {
    // 0.6 × 333,333.33 = 199,999.998: a loss of 199,999.99 is within, 200,000.00 is beyond.
    const facts = (loss: string) => ({ ...handoffFacts('0.00'), invested: '333333.33', loss, lossRatio: null });
    const at = (loss: string) => computeConclusion({ facts: facts(loss), ...answers(), items: WUHAN_ITEMS });
    expect(amounts(at('199999.99'))).toEqual(['EXEMPT', 'WITHIN_TOLERANCE_DUTIES_PERFORMED', '199999.99', '0.00']);
    expect(amounts(at('200000.00'))).toEqual(['PARTIAL', 'BEYOND_TOLERANCE_NO_CAUSE', '199999.99', '0.01']);
    expect(at('200000.00').toleranceAmount).toBe('199999.99');
  });

  it('an unanswered objective cause is not claimed: it neither blocks a conclusion nor widens the exemption', () => {
    expect(run('300000.00', { unansweredCauses: ['FORCE_MAJEURE'] }).rowId).toBe('BEYOND_TOLERANCE_NO_CAUSE');
  });

  it('a pack item the case does not list counts as unanswered', () => {
    const a = answers();
    const r = computeConclusion({ facts: handoffFacts('300000.00'), ...a, checklist: a.checklist.slice(1), items: WUHAN_ITEMS });
    expect(r.rowId).toBe('UNANSWERED');
    expect(codes(r)).toContain('UNANSWERED:PROJECT_APPROVAL');
  });

  it('an unknown or repeated code is a VALIDATION error naming the field', () => {
    const a = answers();
    const bad = () => computeConclusion({ facts: handoffFacts('0.00'), ...a, negativeList: [...a.negativeList, { code: 'BRIBERY', present: false, note: '' }], items: WUHAN_ITEMS });
    expect(bad).toThrow(DomainError);
    expect(bad).toThrow(/negativeList\[5\]\.code: BRIBERY is not in the policy pack/);
    const twice = () => computeConclusion({ facts: handoffFacts('0.00'), ...a, checklist: [...a.checklist, a.checklist[0]!], items: WUHAN_ITEMS });
    expect(twice).toThrow(/checklist\[5\]\.code: PROJECT_APPROVAL is answered twice/);
  });

  it('another pack names its own force-majeure and post-investment codes', () => {
    const items = { ...WUHAN_ITEMS, objectiveCauses: [{ code: 'NATURAL_DISASTER', zh: '自然灾害', en: 'Natural disaster' }] };
    const facts = handoffFacts('300000.00');
    const input = { facts, ...answers(), objectiveCauses: [{ code: 'NATURAL_DISASTER', present: true, note: '' }], items };
    expect(computeConclusion(input).rowId).toBe('BEYOND_TOLERANCE_OBJECTIVE_CAUSE');
    expect(computeConclusion({ ...input, codeClasses: { ...DEFAULT_CODE_CLASSES, forceMajeure: ['NATURAL_DISASTER'] } }).rowId).toBe('FORCE_MAJEURE_DUTIES_PERFORMED');
  });

  it('a subject with its own tolerance says so', () => {
    const r = computeConclusion({ facts: { ...handoffFacts('300000.00'), toleranceSource: 'OWN', sourceFund: null }, ...answers(), items: WUHAN_ITEMS });
    expect(r.reasons[1]!.zh).toContain('（本项目自身的容忍度）');
  });
});
