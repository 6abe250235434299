import { yearOf, type BusinessDate } from '../../money/business-date.js';
import { Decimal } from '../../money/decimal.js';
import type { PolicyFacts, ProjectInvestmentFacts, SubFundCategory } from '../facts.js';
import type { CheckResult, PolicyRule, RuleContext } from '../check-result.js';
import type { ResolvedParameters } from '../policy-pack.js';
import {
  CATEGORY_ZH,
  applyExceptions,
  decimalParam,
  judgeShareUpper,
  listParam,
  missingParameter,
  notApplicable,
  pct,
  result,
  shareHeadroom,
  warnMarginOf,
  yuanEn,
  yuanZh,
} from '../rule-kit.js';

const RULE_ID = 'handoff-annual-cap' as const;
const CLAUSE = '§二(一)4';

/** A hand-off under the rule: flagged 承接 and bought from a fund of a source category (seed, angel). */
export function isHandoff(pi: ProjectInvestmentFacts, sources: readonly SubFundCategory[]): boolean {
  return pi.handoff && pi.sourceFundCategory != null && sources.includes(pi.sourceFundCategory);
}

/** A fund's new project investment in a year and the hand-offs in it. */
export interface HandoffYear {
  total: Decimal;
  handoff: Decimal;
}

/**
 * Per sub-fund and calendar year, up to asOf: the new project investment and the part of it that is a
 * hand-off (isHandoff). What the rule judges and what the review's hand-off table lists, so the two agree.
 */
export function handoffYears(projects: readonly ProjectInvestmentFacts[], sources: readonly SubFundCategory[], asOf: BusinessDate): Map<string, Map<number, HandoffYear>> {
  const out = new Map<string, Map<number, HandoffYear>>();
  for (const pi of projects) {
    if (pi.investedOn > asOf) continue;
    let years = out.get(pi.subFundId);
    if (!years) out.set(pi.subFundId, (years = new Map()));
    const y = yearOf(pi.investedOn);
    const acc = years.get(y) ?? { total: new Decimal(0), handoff: new Decimal(0) };
    acc.total = acc.total.plus(pi.amount);
    if (isHandoff(pi, sources)) acc.handoff = acc.handoff.plus(pi.amount);
    years.set(y, acc);
  }
  return out;
}

/**
 * 武政办〔2025〕67号 §二(一)4: a VC or industry sub-fund the FoF funds may use at most 10% of its new
 * investment each year to take over projects the city's seed and angel funds exit. One result per
 * sub-fund and year with investments up to the as-of date. Headroom: the hand-off the fund may still
 * make this year, x ≤ (cap·T − H)/(1 − cap) (a hand-off adds to the year's total too), floored to the fen.
 */
export function handoffAnnualCap(facts: PolicyFacts, params: ResolvedParameters, ctx: RuleContext): CheckResult[] {
  const margin = warnMarginOf(params);
  const max = decimalParam(params, 'handoffAnnualCap.maxRatio');
  const categories = listParam<SubFundCategory>(params, 'handoffAnnualCap.categories');
  const sources = listParam<SubFundCategory>(params, 'handoffAnnualCap.sourceCategories');
  const results: CheckResult[] = [];
  // Summed once for all funds (a city has thousands of funds and tens of thousands of projects).
  const sums = sources.ok ? handoffYears(facts.projectInvestments, sources.value, ctx.asOf) : new Map<string, Map<number, HandoffYear>>();

  for (const sf of facts.subFunds) {
    const subject = { type: 'SUB_FUND' as const, id: sf.id, label: sf.label };
    const base = { ruleId: RULE_ID, ctx, subject, clause: max.p.clause ?? CLAUSE, parameterVersionFrom: max.p.from };
    if (!max.ok) {
      results.push(missingParameter(base, max.p, params.date));
      continue;
    }
    if (!categories.ok || !sources.ok) {
      results.push(missingParameter(base, (categories.ok ? sources : categories).p, params.date));
      continue;
    }
    if (!categories.value.includes(sf.category)) {
      results.push(
        notApplicable(base, 'ratio', {
          zh: `${CATEGORY_ZH[sf.category] ?? sf.category}不适用承接投资年度比例上限`,
          en: `The hand-off cap covers ${categories.value.join(', ')} funds, not a ${sf.category} fund`,
        }),
      );
      continue;
    }
    const byYear = sums.get(sf.id) ?? new Map<number, HandoffYear>();
    const years = [...byYear.keys()].sort((a, b) => a - b);
    if (years.length === 0) {
      results.push(notApplicable(base, 'ratio', { zh: '截至评估日无项目投资', en: `No project investment up to ${ctx.asOf}` }));
      continue;
    }
    for (const y of years) {
      const { total, handoff } = byYear.get(y)!;
      const b = { ...base, subject: { ...subject, label: `${sf.label} ${y}`, period: String(y) } };
      if (total.isZero()) {
        results.push(notApplicable(b, 'ratio', { zh: `${y} 年无新增投资`, en: `No new investment in ${y}` }));
        continue;
      }
      const share = handoff.div(total);
      const verdict = judgeShareUpper(handoff, total, max.value, margin);
      const headroom = shareHeadroom(handoff, total, max.value);
      const figures = { zh: `承接 ${yuanZh(handoff)}，当年新增投资 ${yuanZh(total)}`, en: `hand-offs ${yuanEn(handoff)} of ${yuanEn(total)} new investment` };
      const room =
        headroom === null
          ? { zh: '', en: '' }
          : headroom.gte(0)
            ? { zh: `；当年尚可承接 ${yuanZh(headroom)}`, en: `; ${yuanEn(headroom)} more may be handed off this year` }
            : { zh: `；须减少承接 ${yuanZh(headroom.neg())}`, en: `; ${yuanEn(headroom.neg())} too much` };
      const word = { FAIL: ['超过', 'exceeds'], WARN: ['接近', 'is close to'], PASS: ['未超过', 'is within'] }[verdict];
      const text = {
        zh: `${y} 年承接投资占比 ${pct(share)} ${word[0]}上限 ${pct(max.value)}（${figures.zh}${room.zh}）`,
        en: `${y} hand-off share ${pct(share)} ${word[1]} the ${pct(max.value)} cap (${figures.en}${room.en})`,
      };
      results.push(result(b, { status: verdict, unit: 'ratio', threshold: max.value, actual: share, headroom, headroomUnit: 'yuan', text }));
    }
  }
  return applyExceptions(facts.exceptions, ctx.asOf, results);
}

export const handoffAnnualCapRule: PolicyRule = {
  id: RULE_ID,
  clause: CLAUSE,
  title: { zh: '承接投资年度比例上限', en: 'Annual cap on hand-offs from seed and angel funds' },
  check: handoffAnnualCap,
};
