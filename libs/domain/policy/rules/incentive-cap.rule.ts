import { Decimal } from '../../money/decimal.js';
import type { PolicyFacts } from '../facts.js';
import type { CheckResult, PolicyRule, RuleContext } from '../check-result.js';
import type { ResolvedParameters } from '../policy-pack.js';
import {
  applyExceptions,
  decimalParam,
  floorFen,
  judgeUpper,
  missingParameter,
  pct,
  result,
  warnMarginOf,
  yuanEn,
  yuanZh,
} from '../rule-kit.js';

const RULE_ID = 'incentive-cap' as const;
const CLAUSE = '§二(一)1';

/**
 * 武政办〔2025〕67号 §二(一)1: rewards to the social LPs and the managers together are at most all of the
 * FoF's value added (合计最高不超过政府投资基金全部增值收益). Judged per proposal against the value added
 * on its basis (one sub-fund, or the FoF as a whole), counting rewards already granted on that basis.
 * Headroom: the reward still possible, cap × value added − granted − proposed.
 */
export function incentiveCap(facts: PolicyFacts, params: ResolvedParameters, ctx: RuleContext): CheckResult[] {
  const margin = warnMarginOf(params);
  const max = decimalParam(params, 'incentiveCap.maxRatio');
  const funds = new Map(facts.subFunds.map((sf) => [sf.id, sf]));

  const results = facts.incentiveProposals.map((ip) => {
    const subject = { type: 'PROPOSAL' as const, id: ip.id, label: ip.label };
    const base = { ruleId: RULE_ID, ctx, subject, clause: max.p.clause ?? CLAUSE, parameterVersionFrom: max.p.from };
    if (!max.ok) return missingParameter(base, max.p, params.date, 'yuan');
    const valueAdded = Decimal.max(0, ip.valueAdded);
    const granted = new Decimal(ip.previouslyGranted);
    const total = granted.plus(ip.proposedAmount);
    const limit = floorFen(max.value.times(valueAdded));
    const verdict = judgeUpper(total, limit, margin);
    const headroom = limit.minus(total);
    const on = ip.subFundId
      ? { zh: `子基金「${funds.get(ip.subFundId)?.label ?? ip.subFundId}」`, en: `sub-fund ${funds.get(ip.subFundId)?.label ?? ip.subFundId}` }
      : { zh: '政府投资基金整体', en: 'the FoF as a whole' };
    const word = { FAIL: ['超过', 'exceed'], WARN: ['接近', 'are close to'], PASS: ['未超过', 'are within'] }[verdict];
    const text = {
      zh: `奖励合计 ${yuanZh(total)}（已发放 ${yuanZh(granted)}，本次 ${yuanZh(new Decimal(ip.proposedAmount))}）${word[0]}上限 ${yuanZh(limit)}（${on.zh}增值收益 ${yuanZh(valueAdded)} 的 ${pct(max.value)}）`,
      en: `Rewards of ${yuanEn(total)} (granted ${yuanEn(granted)}, proposed ${yuanEn(new Decimal(ip.proposedAmount))}) ${word[1]} the ${yuanEn(limit)} cap (${pct(max.value)} of the value added ${yuanEn(valueAdded)} on ${on.en})`,
    };
    return result(base, { status: verdict, unit: 'yuan', threshold: limit, actual: total, headroom, text });
  });
  return applyExceptions(facts.exceptions, ctx.asOf, results);
}

export const incentiveCapRule: PolicyRule = {
  id: RULE_ID,
  clause: CLAUSE,
  title: { zh: '投资激励上限', en: 'Cap on investment incentives' },
  check: incentiveCap,
};
