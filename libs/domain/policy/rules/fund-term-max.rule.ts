import { addYears } from '../../money/business-date.js';
import type { PolicyFacts, SubFundCategory } from '../facts.js';
import type { CheckResult, PolicyRule, RuleContext } from '../check-result.js';
import type { ResolvedParameters } from '../policy-pack.js';
import {
  CATEGORY_ZH,
  applyExceptions,
  decimalParam,
  judgeUpper,
  listParam,
  missingParameter,
  notApplicable,
  result,
  warnMarginOf,
  yearsBetween,
  yearsText,
} from '../rule-kit.js';

const RULE_ID = 'fund-term-max' as const;
const CLAUSE = '§二(一)1';

/**
 * 武政办〔2025〕67号 §二(一)1: a VC-type fund the FoF takes part in may last up to 15 years
 * (存续期最长可达15年), first close to final dissolution, extensions included. Years are whole years
 * plus the fraction of the next one, so the 15th anniversary is exactly 15 and one day more fails.
 */
export function fundTermMax(facts: PolicyFacts, params: ResolvedParameters, ctx: RuleContext): CheckResult[] {
  const margin = warnMarginOf(params);
  const max = decimalParam(params, 'fundTermMax.maxYears');
  const categories = listParam<SubFundCategory>(params, 'fundTermMax.categories');

  const results = facts.subFunds.map((sf) => {
    const subject = { type: 'SUB_FUND' as const, id: sf.id, label: sf.label };
    const base = { ruleId: RULE_ID, ctx, subject, clause: max.p.clause ?? CLAUSE, parameterVersionFrom: max.p.from };
    if (!max.ok) return missingParameter(base, max.p, params.date, 'years');
    if (!categories.ok) return missingParameter(base, categories.p, params.date, 'years');
    if (!categories.value.includes(sf.category))
      return notApplicable(base, 'years', {
        zh: `${CATEGORY_ZH[sf.category] ?? sf.category}不属于存续期上限所指的创业投资类基金`,
        en: `The term limit covers ${categories.value.join(', ')} funds, not a ${sf.category} fund`,
      });

    const years = yearsBetween(sf.firstClose, sf.termEnd);
    const verdict = judgeUpper(years, max.value, margin);
    const headroom = max.value.minus(years);
    const latest = max.value.isInteger() ? addYears(sf.firstClose, max.value.toNumber()) : null;
    const span = { zh: `${sf.firstClose} 至 ${sf.termEnd}，含延期`, en: `${sf.firstClose} to ${sf.termEnd}, extensions included` };
    const latestText = latest ? { zh: `，最晚 ${latest}`, en: `; latest end ${latest}` } : { zh: '', en: '' };
    const word = { FAIL: ['超过', 'exceeds'], WARN: ['接近', 'is close to'], PASS: ['未超过', 'is within'] }[verdict];
    const text = {
      zh: `存续期 ${yearsText(years)} 年（${span.zh}）${word[0]}上限 ${yearsText(max.value)} 年${latestText.zh}`,
      en: `Term of ${yearsText(years)} years (${span.en}) ${word[1]} the ${yearsText(max.value)}-year limit${latestText.en}`,
    };
    return result(base, { status: verdict, unit: 'years', threshold: max.value, actual: years, headroom, text });
  });
  return applyExceptions(facts.exceptions, ctx.asOf, results);
}

export const fundTermMaxRule: PolicyRule = {
  id: RULE_ID,
  clause: CLAUSE,
  title: { zh: '创业投资基金存续期上限', en: 'Maximum term of a VC-type sub-fund' },
  check: fundTermMax,
};
