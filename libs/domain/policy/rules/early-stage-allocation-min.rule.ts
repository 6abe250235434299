import { yearOf } from '../../money/business-date.js';
import { Decimal } from '../../money/decimal.js';
import type { AllocationAmounts, PolicyFacts, SubFundCategory } from '../facts.js';
import type { CheckResult, PolicyRule, RuleContext } from '../check-result.js';
import type { AllocationBasis } from '../parameter-catalog.js';
import type { ResolvedParameters } from '../policy-pack.js';
import {
  applyExceptions,
  ceilFen,
  decimalParam,
  enumParam,
  floorFen,
  judgeShareLower,
  listParam,
  missingParameter,
  notApplicable,
  pct,
  result,
  warnMarginOf,
  yuanEn,
  yuanZh,
} from '../rule-kit.js';

const RULE_ID = 'early-stage-allocation-min' as const;
const CLAUSE = '§二(一)1';

/** Early-stage amount E (early categories + direct tech investments) and the year's total T. */
export function allocationTotals(a: AllocationAmounts, early: readonly SubFundCategory[]): { early: Decimal; total: Decimal } {
  let e = new Decimal(a.directTech);
  let t = new Decimal(a.directTech).plus(a.directOther);
  for (const [category, amount] of Object.entries(a.subFundsByCategory)) {
    if (amount === undefined) continue;
    t = t.plus(amount);
    if (early.includes(category as SubFundCategory)) e = e.plus(amount);
  }
  return { early: e, total: t };
}

/**
 * 武政办〔2025〕67号 §二(一)1: each calendar year, the FoF's new money for seed and angel funds plus its
 * direct investments in tech projects is at least 20% of its new investment that year.
 * WARN when the minimum takes ≥ warnMargin of the actual share (e.g. 20% ≤ share < 22.22%).
 * Headroom: the non-early-stage investment the minimum still allows this year, x ≤ E/min − T (floored).
 */
export function earlyStageAllocationMin(facts: PolicyFacts, params: ResolvedParameters, ctx: RuleContext): CheckResult[] {
  const margin = warnMarginOf(params);
  const min = decimalParam(params, 'earlyStageAllocation.minRatio');
  const basis = enumParam<AllocationBasis>(params, 'earlyStageAllocation.basis');
  const categories = listParam<SubFundCategory>(params, 'earlyStageAllocation.categories');
  const lastYear = yearOf(ctx.asOf);

  const years = [...facts.annualAllocations].filter((a) => a.year <= lastYear).sort((a, b) => a.year - b.year);
  const results = years.map((a) => {
    const toDate = a.year === lastYear ? { zh: `（截至 ${ctx.asOf}）`, en: ` (to ${ctx.asOf})` } : { zh: '', en: '' };
    const subject = { type: 'FOF' as const, id: facts.fof.id, label: `${facts.fof.label} ${a.year}`, period: String(a.year) };
    const base = { ruleId: RULE_ID, ctx, subject, clause: min.p.clause ?? CLAUSE, parameterVersionFrom: min.p.from };
    if (!min.ok) return missingParameter(base, min.p, params.date);
    if (!basis.ok) return missingParameter(base, basis.p, params.date);
    if (!categories.ok) return missingParameter(base, categories.p, params.date);
    const amounts = basis.value === 'PAID_IN' ? a.paidIn : a.commitments;
    const basisText = basis.value === 'PAID_IN' ? { zh: '实缴', en: 'paid-in' } : { zh: '认缴', en: 'commitments' };
    if (!amounts)
      return notApplicable(base, 'ratio', { zh: `${a.year} 年缺少实缴口径的新增投资数据`, en: `No paid-in figures for ${a.year}` });
    const { early, total } = allocationTotals(amounts, categories.value);
    if (total.isZero())
      return notApplicable(base, 'ratio', { zh: `${a.year} 年无新增投资${toDate.zh}`, en: `No new investment in ${a.year}${toDate.en}` });

    const share = early.div(total);
    const verdict = judgeShareLower(early, total, min.value, margin);
    const headroom = min.value.isZero() ? null : floorFen(early.div(min.value).minus(total));
    const figures = {
      zh: `${basisText.zh}口径：早期投资 ${yuanZh(early)}，新增投资 ${yuanZh(total)}`,
      en: `${basisText.en}: early-stage ${yuanEn(early)} of ${yuanEn(total)}`,
    };
    let text;
    if (verdict === 'FAIL') {
      // Early-stage money y still needed: (E + y)/(T + y) ≥ min → y ≥ (min·T − E)/(1 − min), rounded up to the fen.
      const needed = min.value.gte(1) ? null : min.value.times(total).minus(early).div(new Decimal(1).minus(min.value));
      const neededFen = needed === null ? null : ceilFen(needed);
      text = {
        zh: `${a.year} 年早期投资占比 ${pct(share)} 低于下限 ${pct(min.value)}${toDate.zh}（${figures.zh}${neededFen ? `；还需早期投资 ${yuanZh(neededFen)}` : ''}）`,
        en: `${a.year} early-stage share ${pct(share)} is below the ${pct(min.value)} minimum${toDate.en} (${figures.en}${neededFen ? `; ${yuanEn(neededFen)} more early-stage investment needed` : ''})`,
      };
    } else {
      const room = headroom ? { zh: `；其他投资尚可增加 ${yuanZh(headroom)}`, en: `; ${yuanEn(headroom)} more other investment fits` } : { zh: '', en: '' };
      text = {
        zh: `${a.year} 年早期投资占比 ${pct(share)}${verdict === 'WARN' ? '，接近' : '，达到'}下限 ${pct(min.value)}${toDate.zh}（${figures.zh}${room.zh}）`,
        en: `${a.year} early-stage share ${pct(share)} ${verdict === 'WARN' ? 'is close to' : 'meets'} the ${pct(min.value)} minimum${toDate.en} (${figures.en}${room.en})`,
      };
    }
    return result(base, { status: verdict, unit: 'ratio', threshold: min.value, actual: share, headroom, headroomUnit: 'yuan', text });
  });
  return applyExceptions(facts.exceptions, ctx.asOf, results);
}

export const earlyStageAllocationMinRule: PolicyRule = {
  id: RULE_ID,
  clause: CLAUSE,
  title: { zh: '当年早期投资不低于新增投资额的比例', en: 'Minimum early-stage share of the year’s new investment' },
  check: earlyStageAllocationMin,
};
