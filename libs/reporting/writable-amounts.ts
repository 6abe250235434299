import { DomainError } from '../domain/errors/domain-error.js';
import type { FigureSet } from '../domain/figures/position-figures.js';
import type { MoneyString } from '../domain/money/money.js';
import type { ReviewModel } from '../domain/review/review-model.js';
import { yuan } from './cells.js';

const FIGURE_AMOUNTS = ['commitment', 'paidIn', 'distributed', 'nav', 'unfunded', 'loss', 'valueAdded'] as const;

/** Every amount of the review the workbook writes as a number, with where it is in the model. */
function* amounts(m: ReviewModel): Generator<[string, MoneyString]> {
  const figures = function* (at: string, f: FigureSet): Generator<[string, MoneyString]> {
    for (const k of FIGURE_AMOUNTS) yield [`${at}.${k}`, f[k]];
  };
  yield* figures('portfolio', m.portfolio);
  for (const [i, r] of m.categories.entries()) yield* figures(`categories[${i}]`, r.figures);
  for (const [i, r] of m.vintages.entries()) yield* figures(`vintages[${i}]`, r.figures);
  for (const [i, r] of m.positions.entries()) yield* figures(`positions[${i}] ${r.code}`, r.figures);
  for (const [i, r] of m.annualAllocation.entries()) yield* [[`annualAllocation[${i}].newInvestment`, r.newInvestment], [`annualAllocation[${i}].earlyStage`, r.earlyStage]] as Array<[string, MoneyString]>;
  for (const [i, r] of m.handoffs.entries()) yield* [[`handoffs[${i}].newInvestment`, r.newInvestment], [`handoffs[${i}].handoffAmount`, r.handoffAmount]] as Array<[string, MoneyString]>;
  for (const [i, r] of m.secondaryPurchases.entries()) {
    for (const k of ['commitmentTransferred', 'paidInTransferred', 'unfundedTransferred', 'referenceNav', 'price', 'unfundedTakenOn'] as const) yield [`secondaryPurchases[${i}].${k}`, r[k]];
  }
  for (const [i, r] of m.exemptions.entries()) yield [`exemptions[${i}].loss`, r.loss];
  for (const bucket of ['exempt', 'notExempt', 'pending'] as const) {
    for (const [i, r] of m.lossesBeyondTolerance[bucket].entries()) yield [`lossesBeyondTolerance.${bucket}[${i}].amount`, r.amount];
  }
}

/**
 * Refuses, before a byte of the workbook is written, a review holding an amount no spreadsheet cell
 * keeps to the fen (cells.ts `yuan`: at most 13 integer digits). Checking the model's figures covers
 * the cash-flow and pooled-flow rows too: a flow is at most its position's paid-in or distributed, a
 * day's pooled net at most its group's, and a NAV row is the NAV figure. Over HTTP the refusal is a
 * 409 with the amounts named, where it used to cut the download off after its headers.
 */
export function assertWritableAmounts(m: ReviewModel): void {
  const bad: Array<{ path: string; reason: string }> = [];
  for (const [path, v] of amounts(m)) {
    try {
      yuan(v);
    } catch (e) {
      if (bad.length < 20) bad.push({ path, reason: (e as Error).message });
    }
  }
  if (bad.length > 0) {
    throw new DomainError('CONFLICT', `the review holds amounts a spreadsheet cell cannot keep to the fen (the JSON review has them): ${bad.map((b) => `${b.path} ${b.reason}`).join('; ')}`, bad);
  }
}
