import type { PolicyFacts } from '../facts.js';
import type { CheckResult, PolicyRule, RuleContext } from '../check-result.js';
import type { ResolvedParameters } from '../policy-pack.js';
import { fundLossTolerance } from './loss-tolerance.js';

const RULE_ID = 'loss-tolerance-seed-fund' as const;

/**
 * 武政办〔2025〕67号 §二(一)5: a seed fund may lose up to 80% of its total investment (允许种子基金…出现最高
 * 不超过投资总额80%…的亏损), judged over the whole lifecycle at the level the pack names (Wuhan: each seed
 * fund, on the FoF's paid-in, lifecycle to date). Hand-offs from seed funds keep this tolerance (§二(一)4).
 */
export function lossToleranceSeedFund(facts: PolicyFacts, params: ResolvedParameters, ctx: RuleContext): CheckResult[] {
  return fundLossTolerance(RULE_ID, 'SEED', 'lossTolerance.seedFund', facts, params, ctx);
}

export const lossToleranceSeedFundRule: PolicyRule = {
  id: RULE_ID,
  clause: '§二(一)5',
  title: { zh: '种子基金亏损容忍度', en: 'Seed fund loss tolerance' },
  check: lossToleranceSeedFund,
};
