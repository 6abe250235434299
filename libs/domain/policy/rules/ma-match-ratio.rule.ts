import { Decimal } from '../../money/decimal.js';
import type { InvestorKind, PolicyFacts } from '../facts.js';
import type { CheckResult, PolicyRule, RuleContext } from '../check-result.js';
import type { ResolvedParameters } from '../policy-pack.js';
import {
  CATEGORY_ZH,
  applyExceptions,
  decimalParam,
  floorFen,
  judgeShareUpper,
  listParam,
  missingParameter,
  notApplicable,
  result,
  warnMarginOf,
  yuanEn,
  yuanZh,
} from '../rule-kit.js';

const RULE_ID = 'ma-match-ratio' as const;
const CLAUSE = '§二(三)11';

const ratioText = (d: Decimal) => `${d.toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed(6)}:1`;

/**
 * 武政办〔2025〕67号 §二(三)11: in an M&A fund set up with a listed company, a chain leader or a gold/silver
 * seed company (等: the pack lists the partner kinds), the FoF contributes at most 1:1 with the partners.
 * Ratio = FoF commitment / partners' commitments. Headroom: the yuan the FoF may still commit, cap·P − F.
 */
export function maMatchRatio(facts: PolicyFacts, params: ResolvedParameters, ctx: RuleContext): CheckResult[] {
  const margin = warnMarginOf(params);
  const max = decimalParam(params, 'maMatch.maxRatio');
  const kinds = listParam<InvestorKind>(params, 'maMatch.partnerKinds');

  const results = facts.subFunds.map((sf) => {
    const subject = { type: 'SUB_FUND' as const, id: sf.id, label: sf.label };
    const base = { ruleId: RULE_ID, ctx, subject, clause: max.p.clause ?? CLAUSE, parameterVersionFrom: max.p.from };
    if (sf.category !== 'MA')
      return notApplicable(base, 'ratio', {
        zh: `${CATEGORY_ZH[sf.category] ?? sf.category}不是并购基金`,
        en: `Not an M&A fund (${sf.category})`,
      });
    if (!max.ok) return missingParameter(base, max.p, params.date);
    if (!kinds.ok) return missingParameter(base, kinds.p, params.date);
    const partners = sf.lpCommitments.filter((c) => kinds.value.includes(c.investorKind));
    const partnerTotal = partners.reduce((acc, c) => acc.plus(c.amount), new Decimal(0));
    if (partnerTotal.isZero())
      return notApplicable(base, 'ratio', {
        zh: `未与上市公司、链主或金银种子企业等合作设立（合作方类别：${kinds.value.join('、')}）`,
        en: `Not set up with a partner of the kinds ${kinds.value.join(', ')}`,
      });
    const fof = new Decimal(sf.fofCommitment);
    const ratio = fof.div(partnerTotal);
    const verdict = judgeShareUpper(fof, partnerTotal, max.value, margin);
    const headroom = floorFen(max.value.times(partnerTotal).minus(fof));
    const names = partners.map((c) => c.investorName).join('、');
    const word = { FAIL: ['超过', 'exceeds'], WARN: ['接近', 'is close to'], PASS: ['未超过', 'is within'] }[verdict];
    const text = {
      zh: `母基金出资 ${yuanZh(fof)} 与合作方（${names}）出资 ${yuanZh(partnerTotal)} 之比 ${ratioText(ratio)} ${word[0]}上限 ${ratioText(max.value)}（${headroom.gte(0) ? `尚可追加 ${yuanZh(headroom)}` : `须减少 ${yuanZh(headroom.neg())}`}）`,
      en: `FoF ${yuanEn(fof)} to partners' (${names}) ${yuanEn(partnerTotal)} is ${ratioText(ratio)}, which ${word[1]} the ${ratioText(max.value)} limit (${headroom.gte(0) ? `${yuanEn(headroom)} more possible` : `${yuanEn(headroom.neg())} too much`})`,
    };
    return result(base, { status: verdict, unit: 'ratio', threshold: max.value, actual: ratio, headroom, headroomUnit: 'yuan', text });
  });
  return applyExceptions(facts.exceptions, ctx.asOf, results);
}

export const maMatchRatioRule: PolicyRule = {
  id: RULE_ID,
  clause: CLAUSE,
  title: { zh: '并购基金政府出资配比上限', en: 'FoF match ratio in an M&A fund' },
  check: maMatchRatio,
};
