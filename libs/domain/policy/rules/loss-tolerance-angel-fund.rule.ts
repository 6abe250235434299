import type { PolicyFacts } from '../facts.js';
import type { CheckResult, PolicyRule, RuleContext } from '../check-result.js';
import type { ResolvedParameters } from '../policy-pack.js';
import { fundLossTolerance } from './loss-tolerance.js';

const RULE_ID = 'loss-tolerance-angel-fund' as const;

/**
 * 武政办〔2025〕67号 §二(一)5: an angel fund may lose up to 60% of its total investment, judged over the
 * whole lifecycle at the level the pack names (Wuhan: each angel fund, on the FoF's paid-in, lifecycle to
 * date). Hand-offs from angel funds keep this tolerance (§二(一)4), even inside a VC or industry fund.
 */
export function lossToleranceAngelFund(facts: PolicyFacts, params: ResolvedParameters, ctx: RuleContext): CheckResult[] {
  return fundLossTolerance(RULE_ID, 'ANGEL', 'lossTolerance.angelFund', facts, params, ctx);
}

export const lossToleranceAngelFundRule: PolicyRule = {
  id: RULE_ID,
  clause: '§二(一)5',
  title: { zh: '天使基金亏损容忍度', en: 'Angel fund loss tolerance' },
  check: lossToleranceAngelFund,
};
