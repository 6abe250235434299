import { DomainError } from '../errors/domain-error.js';
import { SUB_FUND_CATEGORY } from '../ledger/vocabulary.js';
import { Decimal } from '../money/decimal.js';
import { parseMoney, parseRatio, toYuan } from '../money/money.js';
import type { Bilingual } from '../policy/check-result.js';
import type { ExemptionData, ExemptionItem } from '../policy/policy-pack.js';
import { floorFen, pct, yuanEn, yuanZh } from '../policy/rule-kit.js';
import type { ChecklistAnswer, ConclusionResult, ExemptionCase, ExemptionFacts, PresenceAnswer, Reason } from './case.js';
import { matchRow, type Situation, type Split } from './conclusion-table.js';

/**
 * Which pack codes play which part in the table. Packs list their items without saying which one is
 * force majeure or which duties come after the investment, so the classes are data here, with the
 * codes the shipped packs use; another city's pack with other codes passes its own.
 */
export interface CodeClasses {
  forceMajeure: readonly string[];
  /** Duties whose lapse force majeure can partly excuse (row FORCE_MAJEURE_POST_INVESTMENT_LAPSE). */
  postInvestmentDuties: readonly string[];
}

export const DEFAULT_CODE_CLASSES: CodeClasses = {
  forceMajeure: ['FORCE_MAJEURE'],
  postInvestmentDuties: ['POST_INVESTMENT_MANAGEMENT', 'RISK_HANDLING'],
};

export interface ConclusionInput {
  facts: Pick<ExemptionFacts, 'invested' | 'loss' | 'lossRatio' | 'tolerance' | 'toleranceSource' | 'sourceFund'>;
  checklist: readonly Pick<ChecklistAnswer, 'code' | 'performed'>[];
  negativeList: readonly Pick<PresenceAnswer, 'code' | 'present'>[];
  objectiveCauses: readonly Pick<PresenceAnswer, 'code' | 'present'>[];
  /** The pack's lists: every checklist and negative-list item must be answered; labels for the reasons. */
  items: ExemptionData;
  codeClasses?: CodeClasses;
}

type ListName = 'checklist' | 'negativeList' | 'objectiveCauses';
type Answer = { code: string; value: boolean | null };

/** Answers by pack item, in the pack's order; an item the case does not list counts as unanswered. */
function answersOf(list: ListName, pack: readonly ExemptionItem[], given: readonly Answer[]): Answer[] {
  const known = new Set(pack.map((i) => i.code));
  const seen = new Map<string, boolean | null>();
  const issues: Array<{ path: string; reason: string }> = [];
  given.forEach((a, i) => {
    if (!known.has(a.code)) issues.push({ path: `${list}[${i}].code`, reason: `${a.code} is not in the policy pack's ${list}` });
    else if (seen.has(a.code)) issues.push({ path: `${list}[${i}].code`, reason: `${a.code} is answered twice` });
    else seen.set(a.code, a.value);
  });
  if (issues.length > 0) throw new DomainError('VALIDATION', `invalid answers: ${issues.map((i) => `${i.path}: ${i.reason}`).join('; ')}`, issues);
  return pack.map((i) => ({ code: i.code, value: seen.get(i.code) ?? null }));
}

const fill = (template: string, vars: Readonly<Record<string, string>>): string => template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);

function labels(pack: readonly ExemptionItem[], codes: readonly string[]): Bilingual {
  const of = (c: string) => pack.find((i) => i.code === c) ?? { zh: c, en: c };
  return { zh: codes.map((c) => of(c).zh).join('、') || '无', en: codes.map((c) => of(c).en).join(', ') || 'none' };
}

function toleranceSourceText(f: ConclusionInput['facts']): Bilingual {
  if (f.toleranceSource !== 'INHERITED_FROM_SOURCE_FUND' || !f.sourceFund) return { zh: '本项目自身的容忍度', en: 'the subject’s own tolerance' };
  const cat = SUB_FUND_CATEGORY.labels[f.sourceFund.category as keyof typeof SUB_FUND_CATEGORY.labels] ?? { zh: f.sourceFund.category, en: f.sourceFund.category };
  return {
    zh: `承接自${cat.zh}「${f.sourceFund.label}」，沿用其容忍度（§二(一)4）`,
    en: `a hand-off from the ${cat.en.toLowerCase()} “${f.sourceFund.label}”, which keeps its tolerance (§二(一)4)`,
  };
}

function splitOf(split: Split, loss: Decimal, toleranceAmount: Decimal | null): [Decimal, Decimal] | null {
  switch (split) {
    case 'ALL_EXEMPT':
      return [loss, new Decimal(0)];
    case 'NONE_EXEMPT':
      return [new Decimal(0), loss];
    case 'TOLERANCE': {
      // Only reached with a known tolerance (the TOLERANCE_UNKNOWN row comes first).
      const exempt = Decimal.min(loss, toleranceAmount!);
      return [exempt, loss.minus(exempt)];
    }
    case 'NONE':
      return null;
  }
}

/**
 * The computed conclusion of an exemption assessment: classifies the case (conclusion-table.ts
 * `Situation`) and applies the first matching row of CONCLUSION_TABLE. Within tolerance means
 * loss ≤ tolerance × invested, exactly (the loss-tolerance rules' FAIL is loss > it). The reasons start
 * with the row's own, then the figures, then one per item that weighed (bilingual, with the numbers).
 */
export function computeConclusion(input: ConclusionInput): ConclusionResult {
  const { facts, items } = input;
  const classes = input.codeClasses ?? DEFAULT_CODE_CLASSES;
  const checklist = answersOf('checklist', items.checklist, input.checklist.map((a) => ({ code: a.code, value: a.performed })));
  const negatives = answersOf('negativeList', items.negativeList, input.negativeList.map((a) => ({ code: a.code, value: a.present })));
  const causes = answersOf('objectiveCauses', items.objectiveCauses, input.objectiveCauses.map((a) => ({ code: a.code, value: a.present })));

  const invested = parseMoney(facts.invested);
  const loss = parseMoney(facts.loss);
  const tolerance = facts.tolerance === null ? null : parseRatio(facts.tolerance);
  const toleranceAmount = tolerance === null ? null : floorFen(tolerance.times(invested));

  const present = negatives.filter((a) => a.value === true).map((a) => a.code);
  const unanswered = [...checklist, ...negatives].filter((a) => a.value === null).map((a) => a.code);
  const unperformed = checklist.filter((a) => a.value === false).map((a) => a.code);
  const claimed = causes.filter((a) => a.value === true).map((a) => a.code);
  const situation: Situation = {
    negative: present.length > 0 ? 'PRESENT' : 'NONE',
    answers: unanswered.length > 0 ? 'MISSING' : 'COMPLETE',
    duties:
      unperformed.length === 0 ? 'ALL_PERFORMED' : unperformed.every((c) => classes.postInvestmentDuties.includes(c)) ? 'ONLY_POST_INVESTMENT_UNPERFORMED' : 'OTHER_UNPERFORMED',
    forceMajeure: claimed.some((c) => classes.forceMajeure.includes(c)),
    otherCause: claimed.some((c) => !classes.forceMajeure.includes(c)),
    tolerance: tolerance === null ? 'UNKNOWN' : loss.lte(tolerance.times(invested)) ? 'WITHIN' : 'BEYOND',
  };
  const row = matchRow(situation);
  if (!row) throw new Error(`exemption conclusion table has no row for ${JSON.stringify(situation)}`);
  const amounts = splitOf(row.split, loss, toleranceAmount);

  const all = [...items.checklist, ...items.negativeList, ...items.objectiveCauses];
  const vars = (lang: 'zh' | 'en'): Record<string, string> => {
    const y = lang === 'zh' ? yuanZh : yuanEn;
    const none = lang === 'zh' ? '未设定' : 'unset';
    return {
      loss: y(loss),
      invested: y(invested),
      lossRatio: facts.lossRatio === null ? '—' : pct(new Decimal(facts.lossRatio)),
      tolerance: tolerance === null ? none : pct(tolerance),
      toleranceAmount: toleranceAmount === null ? none : y(toleranceAmount),
      exempt: amounts ? y(amounts[0]) : '—',
      nonExempt: amounts ? y(amounts[1]) : '—',
      negatives: labels(items.negativeList, present)[lang],
      unanswered: labels(all, unanswered)[lang],
      unperformed: labels(items.checklist, unperformed)[lang],
      causes: labels(items.objectiveCauses, claimed)[lang],
    };
  };
  const zh = vars('zh');
  const en = vars('en');
  const source = toleranceSourceText(facts);
  const reasons: Reason[] = [
    { code: row.id, zh: fill(row.zh, zh), en: fill(row.en, en) },
    tolerance === null
      ? {
          code: 'LOSS_AGAINST_TOLERANCE',
          zh: `亏损 ${zh.loss}，占投资总额 ${zh.invested} 的 ${zh.lossRatio}；未设定容忍度（${source.zh}）`,
          en: `Loss ${en.loss} is ${en.lossRatio} of the ${en.invested} invested; no tolerance set (${source.en})`,
        }
      : {
          code: 'LOSS_AGAINST_TOLERANCE',
          zh: `亏损 ${zh.loss}，占投资总额 ${zh.invested} 的 ${zh.lossRatio}；容忍上限 ${zh.tolerance}（${source.zh}），容忍额 ${zh.toleranceAmount}：${situation.tolerance === 'WITHIN' ? '在容忍范围内' : `超出 ${yuanZh(loss.minus(toleranceAmount!))}`}`,
          en: `Loss ${en.loss} is ${en.lossRatio} of the ${en.invested} invested; tolerance ${en.tolerance} (${source.en}), tolerance amount ${en.toleranceAmount}: ${situation.tolerance === 'WITHIN' ? 'within it' : `${yuanEn(loss.minus(toleranceAmount!))} beyond it`}`,
        },
  ];
  const item = (code: string, prefix: string, list: readonly ExemptionItem[], zhWord: string, enWord: string): Reason => {
    const l = labels(list, [code]);
    return { code: `${prefix}:${code}`, zh: `${zhWord}：${l.zh}`, en: `${enWord}: ${l.en}` };
  };
  for (const c of present) reasons.push(item(c, 'NEGATIVE_ITEM_PRESENT', items.negativeList, '存在负面清单情形', 'Negative-list item present'));
  for (const c of unanswered) reasons.push(item(c, 'UNANSWERED', all, '尚未作答', 'Not answered yet'));
  for (const c of unperformed) reasons.push(item(c, 'DUTY_NOT_PERFORMED', items.checklist, '未履行', 'Not performed'));
  for (const c of claimed) reasons.push(item(c, 'OBJECTIVE_CAUSE', items.objectiveCauses, '客观原因', 'Objective cause'));

  return {
    conclusion: row.conclusion,
    rowId: row.id,
    reasons,
    withinTolerance: situation.tolerance === 'UNKNOWN' ? null : situation.tolerance === 'WITHIN',
    toleranceAmount: toleranceAmount === null ? null : toYuan(toleranceAmount),
    exemptAmount: amounts ? toYuan(amounts[0]) : null,
    nonExemptAmount: amounts ? toYuan(amounts[1]) : null,
  };
}

/** computeConclusion over a case's own facts and answers. */
export function conclusionOfCase(c: Pick<ExemptionCase, 'facts' | 'checklist' | 'negativeList' | 'objectiveCauses'>, items: ExemptionData, codeClasses?: CodeClasses): ConclusionResult {
  return computeConclusion({ facts: c.facts, checklist: c.checklist, negativeList: c.negativeList, objectiveCauses: c.objectiveCauses, items, ...(codeClasses ? { codeClasses } : {}) });
}
