import type { Conclusion } from './case.js';

/**
 * The conclusion table of the exemption assessment, as data (docs/adr-0005-exemption-assessment.md).
 * computeConclusion classifies a case into the six dimensions of `Situation` and takes the FIRST row
 * whose pattern matches; a dimension a row leaves out matches anything. conclusion.spec.ts tests it
 * row by row and checks that every combination of the dimensions reaches a row.
 */

export interface Situation {
  /** Any negative-list item answered present. */
  negative: 'PRESENT' | 'NONE';
  /** Every checklist and negative-list item of the pack answered (objective causes are claims: unanswered = not claimed). */
  answers: 'COMPLETE' | 'MISSING';
  /** Over the answered duties: all performed; only post-investment duties (投后管理, 风险处置) not performed; another duty not performed. */
  duties: 'ALL_PERFORMED' | 'ONLY_POST_INVESTMENT_UNPERFORMED' | 'OTHER_UNPERFORMED';
  forceMajeure: boolean;
  /** An objective cause other than force majeure (policy change, technology or market risk). */
  otherCause: boolean;
  /** loss ≤ tolerance × invested (exact: a loss exactly at the tolerance is within); UNKNOWN when the tolerance is unset. */
  tolerance: 'WITHIN' | 'BEYOND' | 'UNKNOWN';
}

/**
 * How the loss is split: ALL_EXEMPT (exempt = loss), NONE_EXEMPT (non-exempt = loss), TOLERANCE
 * (exempt = min(loss, ⌊tolerance × invested⌋ to the fen), non-exempt = the rest), NONE (no amounts).
 */
export type Split = 'ALL_EXEMPT' | 'NONE_EXEMPT' | 'TOLERANCE' | 'NONE';

export interface ConclusionRow {
  id: string;
  when: Partial<Situation>;
  conclusion: Conclusion;
  split: Split;
  /**
   * The row's reason; placeholders: {loss} {invested} {lossRatio} {tolerance} {toleranceAmount}
   * {exempt} {nonExempt} {negatives} {unanswered} {unperformed} {causes}.
   */
  zh: string;
  en: string;
}

export const CONCLUSION_TABLE: readonly ConclusionRow[] = [
  {
    id: 'NEGATIVE_ITEM_PRESENT',
    when: { negative: 'PRESENT' },
    conclusion: 'NOT_EXEMPT',
    split: 'NONE_EXEMPT',
    zh: '存在负面清单情形（{negatives}），不得免责：亏损 {loss} 全部不予免责',
    en: 'A negative-list item is present ({negatives}): no exemption is possible; the whole loss of {loss} is not exempt',
  },
  {
    id: 'UNANSWERED',
    when: { answers: 'MISSING' },
    conclusion: 'INCOMPLETE',
    split: 'NONE',
    zh: '尚有未作答的尽职事项或负面清单事项（{unanswered}），暂不能得出结论',
    en: 'Checklist or negative-list items are still unanswered ({unanswered}): no conclusion yet',
  },
  {
    id: 'FORCE_MAJEURE_DUTIES_PERFORMED',
    when: { duties: 'ALL_PERFORMED', forceMajeure: true },
    conclusion: 'EXEMPT',
    split: 'ALL_EXEMPT',
    zh: '损失因不可抗力造成且尽职事项均已履行，依 §二(一)5「如因不可抗力等因素造成投资未达预期的，予以免责」，亏损 {loss} 全部免责（不论是否超出容忍度）',
    en: 'Force majeure caused the loss and every duty was performed: under §二(一)5 the whole loss of {loss} is exempt, within the tolerance or not',
  },
  {
    id: 'CORE_DUTY_NOT_PERFORMED',
    when: { duties: 'OTHER_UNPERFORMED' },
    conclusion: 'NOT_EXEMPT',
    split: 'NONE_EXEMPT',
    zh: '未履行尽职事项（{unperformed}），不符合尽职合规免责条件：亏损 {loss} 不予免责',
    en: 'Duties not performed ({unperformed}): the due-diligence condition of the exemption is not met; the loss of {loss} is not exempt',
  },
  {
    id: 'POST_INVESTMENT_LAPSE_WITHOUT_FORCE_MAJEURE',
    when: { duties: 'ONLY_POST_INVESTMENT_UNPERFORMED', forceMajeure: false },
    conclusion: 'NOT_EXEMPT',
    split: 'NONE_EXEMPT',
    zh: '未履行投后管理或风险处置职责（{unperformed}），且无不可抗力：亏损 {loss} 不予免责',
    en: 'Post-investment duties not performed ({unperformed}) and no force majeure: the loss of {loss} is not exempt',
  },
  {
    id: 'TOLERANCE_UNKNOWN',
    when: { tolerance: 'UNKNOWN' },
    conclusion: 'INCOMPLETE',
    split: 'NONE',
    zh: '政策包未设定适用的亏损容忍度，无法判断亏损 {loss}（亏损率 {lossRatio}）是否在容忍范围内：需补充容忍度，或由审核人说明理由后改判',
    en: 'The policy pack sets no applicable loss tolerance, so whether the loss of {loss} (loss ratio {lossRatio}) is within it cannot be judged: the tolerance must be set, or the reviewer overrides with a reason',
  },
  {
    id: 'FORCE_MAJEURE_POST_INVESTMENT_LAPSE',
    when: { duties: 'ONLY_POST_INVESTMENT_UNPERFORMED', forceMajeure: true },
    conclusion: 'PARTIAL',
    split: 'TOLERANCE',
    zh: '存在不可抗力，但未履行投后管理或风险处置职责（{unperformed}）：免责仅及于容忍额 {toleranceAmount} 内的亏损，免责 {exempt}，不予免责 {nonExempt}；未履行的职责本身不予免责',
    en: 'Force majeure is present but post-investment duties were not performed ({unperformed}): the exemption covers the loss only up to the tolerance amount of {toleranceAmount}: {exempt} exempt, {nonExempt} not exempt; the unperformed duties themselves are not exempt',
  },
  {
    id: 'WITHIN_TOLERANCE_DUTIES_PERFORMED',
    when: { duties: 'ALL_PERFORMED', forceMajeure: false, tolerance: 'WITHIN' },
    conclusion: 'EXEMPT',
    split: 'ALL_EXEMPT',
    zh: '亏损率 {lossRatio} 未超过容忍上限 {tolerance}（亏损 {loss} 不超过容忍额 {toleranceAmount}），且尽职事项均已履行：亏损全部免责',
    en: 'The loss ratio of {lossRatio} is within the {tolerance} tolerance (loss {loss}, tolerance amount {toleranceAmount}) and every duty was performed: the whole loss is exempt',
  },
  {
    id: 'BEYOND_TOLERANCE_OBJECTIVE_CAUSE',
    when: { duties: 'ALL_PERFORMED', forceMajeure: false, otherCause: true, tolerance: 'BEYOND' },
    conclusion: 'PARTIAL',
    split: 'TOLERANCE',
    zh: '尽职事项均已履行，亏损率 {lossRatio} 超过容忍上限 {tolerance}；存在不可抗力以外的客观原因（{causes}）：容忍额内 {exempt} 免责，超出部分 {nonExempt} 不予免责，客观原因记入报告供审核人裁量',
    en: 'Every duty was performed; the loss ratio of {lossRatio} exceeds the {tolerance} tolerance; an objective cause other than force majeure is present ({causes}): {exempt} within the tolerance is exempt, the {nonExempt} beyond it is not; the cause is recorded for the reviewer to weigh',
  },
  {
    id: 'BEYOND_TOLERANCE_NO_CAUSE',
    when: { duties: 'ALL_PERFORMED', forceMajeure: false, otherCause: false, tolerance: 'BEYOND' },
    conclusion: 'PARTIAL',
    split: 'TOLERANCE',
    zh: '尽职事项均已履行，亏损率 {lossRatio} 超过容忍上限 {tolerance}，无客观原因：容忍额内 {exempt} 免责，超出部分 {nonExempt} 不予免责',
    en: 'Every duty was performed; the loss ratio of {lossRatio} exceeds the {tolerance} tolerance and no objective cause is present: {exempt} within the tolerance is exempt, the {nonExempt} beyond it is not',
  },
];

/** The first row whose pattern matches, or undefined (conclusion.spec.ts proves the table leaves no gap). */
export function matchRow(s: Situation, table: readonly ConclusionRow[] = CONCLUSION_TABLE): ConclusionRow | undefined {
  return table.find((row) => (Object.keys(row.when) as Array<keyof Situation>).every((k) => row.when[k] === s[k]));
}
