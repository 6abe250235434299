import { Decimal } from '../../money/decimal.js';
import type { PolicyFacts, SubFundCategory, SubFundFacts } from '../facts.js';
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
  type Got,
} from '../rule-kit.js';

const RULE_ID = 'gov-share-cap' as const;
const CLAUSE = '§二(一)1';

/** The FoF's commitment and every commitment to the sub-fund (the FoF's included). */
export function commitmentsOf(sf: SubFundFacts): { fof: Decimal; total: Decimal } {
  const fof = new Decimal(sf.fofCommitment);
  return { fof, total: sf.lpCommitments.reduce((acc, c) => acc.plus(c.amount), fof) };
}

/**
 * 武政办〔2025〕67号 §二(一)1: the FoF's share of a seed, angel or other VC sub-fund's commitments may be
 * raised to 50% ("提高至50%以上"). A share above the cap fails unless an approved exception is on record.
 * Headroom: the yuan the FoF may still commit, x ≤ (cap·T − F)/(1 − cap), floored to the fen.
 */
export function govShareCap(facts: PolicyFacts, params: ResolvedParameters, ctx: RuleContext): CheckResult[] {
  const margin = warnMarginOf(params);
  const cap = decimalParam(params, 'govShareCap.maxRatio');
  const categories = listParam<SubFundCategory>(params, 'govShareCap.categories');
  const other = decimalParam(params, 'govShareCap.otherMaxRatio');

  const results = facts.subFunds.map((sf) => {
    const subject = { type: 'SUB_FUND' as const, id: sf.id, label: sf.label };
    const base = { ruleId: RULE_ID, ctx, subject, clause: cap.p.clause ?? CLAUSE, parameterVersionFrom: cap.p.from };
    if (!cap.ok) return missingParameter(base, cap.p, params.date);
    if (!categories.ok) return missingParameter(base, categories.p, params.date);

    let limit: Got<Decimal> & { ok: true };
    if (categories.value.includes(sf.category)) limit = cap;
    else if (other.ok) limit = other;
    else
      return notApplicable(base, 'ratio', {
        zh: `${CATEGORY_ZH[sf.category] ?? sf.category}不适用政府出资比例上限（适用于：${categories.value.map((c) => CATEGORY_ZH[c] ?? c).join('、')}）`,
        en: `The share cap applies to ${categories.value.join(', ')} funds, not to a ${sf.category} fund`,
      });
    const b = { ...base, clause: limit.p.clause ?? CLAUSE, parameterVersionFrom: limit.p.from };

    const { fof, total } = commitmentsOf(sf);
    if (total.isZero())
      return notApplicable(b, 'ratio', { zh: '子基金尚无认缴出资', en: 'The sub-fund has no commitments yet' });
    const share = fof.div(total);
    const verdict = judgeShareUpper(fof, total, limit.value, margin);
    const headroom = shareHeadroom(fof, total, limit.value);
    const figures = {
      zh: `母基金认缴 ${yuanZh(fof)}，总认缴 ${yuanZh(total)}`,
      en: `FoF ${yuanEn(fof)} of ${yuanEn(total)}`,
    };
    let text: { zh: string; en: string };
    if (verdict === 'FAIL')
      text = {
        zh: `政府出资占比 ${pct(share)} 超过上限 ${pct(limit.value)}（${figures.zh}；须减少 ${yuanZh(headroom!.neg())}方可回到上限内）`,
        en: `FoF share ${pct(share)} exceeds the ${pct(limit.value)} cap (${figures.en}; ${yuanEn(headroom!.neg())} must come off)`,
      };
    else {
      const room =
        headroom === null
          ? { zh: '上限为100%，不限制追加认缴', en: 'a 100% cap does not limit further commitments' }
          : { zh: `尚可追加认缴 ${yuanZh(headroom)}`, en: `${yuanEn(headroom)} more may be committed` };
      text = {
        zh: `政府出资占比 ${pct(share)}${verdict === 'WARN' ? '，接近' : '，未超过'}上限 ${pct(limit.value)}（${figures.zh}；${room.zh}）`,
        en: `FoF share ${pct(share)} is ${verdict === 'WARN' ? 'close to' : 'within'} the ${pct(limit.value)} cap (${figures.en}; ${room.en})`,
      };
    }
    return result(b, { status: verdict, unit: 'ratio', threshold: limit.value, actual: share, headroom, headroomUnit: 'yuan', text });
  });
  return applyExceptions(facts.exceptions, ctx.asOf, results);
}

export const govShareCapRule: PolicyRule = {
  id: RULE_ID,
  clause: CLAUSE,
  title: { zh: '政府出资比例上限', en: "Cap on the FoF's share of a sub-fund" },
  check: govShareCap,
};
