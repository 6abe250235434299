import { DomainError } from '../errors/domain-error.js';
import { Decimal } from '../money/decimal.js';
import { isMoneyText, isRatioText, toRatio, toYuan, type MoneyString, type RatioString } from '../money/money.js';
import type { RuleId } from '../policy/check-result.js';
import type { ExemptionFacts, SourceFund, ToleranceSource } from './case.js';

export interface FactsInput {
  invested: MoneyString;
  recovered: MoneyString;
  remainingValue: MoneyString;
  /** The tolerance parameter in force on the case date (e.g. "0.6"), or null when the pack leaves it unset. */
  tolerance: RatioString | null;
  toleranceSource: ToleranceSource;
  sourceFund?: SourceFund | null;
  ruleId: RuleId | null;
  clause: string | null;
  packId: string;
  packRevision: number | null;
}

/** Categories whose tolerance a hand-off keeps (§二(一)4: 承接投资适用种子基金、天使基金容错免责政策). */
const HANDOFF_SOURCE_CATEGORIES = new Set(['SEED', 'ANGEL']);

/**
 * The case's facts from the ledger's figures as of the case date, with the same arithmetic as the
 * loss-tolerance rules (domain.md "Figures"): loss = max(0, invested − recovered − remainingValue),
 * lossRatio = loss / invested (null when nothing was invested). Throws VALIDATION naming each bad field.
 */
export function buildFacts(input: FactsInput): ExemptionFacts {
  const issues: Array<{ path: string; reason: string }> = [];
  for (const key of ['invested', 'recovered', 'remainingValue'] as const) {
    const v = input[key];
    if (!isMoneyText(v) || v.startsWith('-')) issues.push({ path: `facts.${key}`, reason: 'must be a non-negative yuan amount with at most two decimals' });
  }
  if (input.tolerance !== null && (!isRatioText(input.tolerance) || new Decimal(input.tolerance).lt(0) || new Decimal(input.tolerance).gt(1)))
    issues.push({ path: 'facts.tolerance', reason: 'must be a ratio from 0 to 1, or null when the pack leaves it unset' });
  const source = input.sourceFund ?? null;
  if (input.toleranceSource === 'INHERITED_FROM_SOURCE_FUND') {
    if (source === null) issues.push({ path: 'facts.sourceFund', reason: 'a hand-off names the seed or angel fund whose tolerance it keeps' });
    else if (!HANDOFF_SOURCE_CATEGORIES.has(source.category)) issues.push({ path: 'facts.sourceFund.category', reason: 'a hand-off keeps the tolerance of a SEED or ANGEL fund' });
  } else if (source !== null) issues.push({ path: 'facts.sourceFund', reason: 'only a hand-off (INHERITED_FROM_SOURCE_FUND) names a source fund' });
  if (issues.length > 0) throw new DomainError('VALIDATION', `invalid facts: ${issues.map((i) => `${i.path}: ${i.reason}`).join('; ')}`, issues);

  const invested = new Decimal(input.invested);
  const loss = Decimal.max(0, invested.minus(input.recovered).minus(input.remainingValue));
  return {
    invested: toYuan(invested),
    recovered: toYuan(input.recovered),
    remainingValue: toYuan(input.remainingValue),
    loss: toYuan(loss),
    lossRatio: invested.isZero() ? null : toRatio(loss.div(invested)),
    tolerance: input.tolerance === null ? null : toRatio(input.tolerance),
    toleranceSource: input.toleranceSource,
    sourceFund: source,
    ruleId: input.ruleId,
    clause: input.clause,
    packId: input.packId,
    packRevision: input.packRevision,
  };
}
