import { Decimal } from '../money/decimal.js';
import { toRatio, toYuan } from '../money/money.js';
import { yearOf, type BusinessDate } from '../money/business-date.js';
import { poolFigures, positionFigures, rolledForwardNav, type PositionData } from '../figures/position-figures.js';
import { PROJECT_STAGE, SUB_FUND_CATEGORY } from '../ledger/vocabulary.js';
import type { SecondaryPurchaseRecord } from '../ledger/records.js';
import type { CashFlowRow, CategoryRow, PositionRow, SecondaryPurchaseRow, VintageRow } from './review-model.js';

/** One position with what the review needs to compute and list it. */
export interface ReviewPosition {
  kind: 'SUB_FUND' | 'DIRECT';
  id: string;
  code: string;
  name: string;
  category: string;
  status: string;
  vintage: number;
  fofShare: string | null;
  data: PositionData;
}

/** Position rows with their figures, in the order given. */
export function positionRows(positions: readonly ReviewPosition[], asOf: BusinessDate): PositionRow[] {
  return positions.map(({ data, ...p }) => ({ ...p, figures: positionFigures({ ...data, asOf }) }));
}

function groupRows<K extends string | number>(positions: readonly ReviewPosition[], key: (p: ReviewPosition) => K): Map<K, ReviewPosition[]> {
  const m = new Map<K, ReviewPosition[]>();
  for (const p of positions) m.set(key(p), [...(m.get(key(p)) ?? []), p]);
  return m;
}

/** Category of a position for pooling: the sub-fund category, or DIRECT for the FoF's own projects. */
export const poolCategory = (p: ReviewPosition) => (p.kind === 'DIRECT' ? 'DIRECT' : p.category);

/** Figures per category, pooled over the underlying flows (never averaged), in the vocabulary's order. */
export function categoryRows(positions: readonly ReviewPosition[], asOf: BusinessDate): CategoryRow[] {
  const groups = groupRows(positions, poolCategory);
  const order = [...SUB_FUND_CATEGORY.values, 'DIRECT'];
  return order
    .filter((c) => groups.has(c))
    .map((c) => {
      const label = c === 'DIRECT' ? { zh: '直接投资', en: 'Direct investments' } : SUB_FUND_CATEGORY.labels[c as keyof typeof SUB_FUND_CATEGORY.labels];
      const members = groups.get(c)!;
      return { category: c, labelZh: label.zh, labelEn: label.en, positions: members.length, figures: poolFigures(members.map((m) => m.data), asOf) };
    });
}

export function vintageRows(positions: readonly ReviewPosition[], asOf: BusinessDate): VintageRow[] {
  const groups = groupRows(positions, (p) => p.vintage);
  return [...groups.keys()]
    .sort((a, b) => a - b)
    .map((year) => ({ year, positions: groups.get(year)!.length, figures: poolFigures(groups.get(year)!.map((m) => m.data), asOf) }));
}

/**
 * A position's cash flows the XIRR way, up to asOf and sorted by date: contributions negative,
 * distributions positive, and the rolled-forward NAV as a final inflow on asOf when above zero
 * (the same flows the position's irr is solved over).
 */
export function* positionCashFlows(p: ReviewPosition, asOf: BusinessDate): Generator<CashFlowRow> {
  const flows = p.data.flows.filter((f) => f.date <= asOf).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const base = { positionCode: p.code, positionName: p.name, category: poolCategory(p) };
  for (const f of flows) {
    yield { ...base, date: f.date, type: f.kind, amount: toYuan(f.kind === 'CONTRIBUTION' ? f.amount.neg() : f.amount) };
  }
  const nav = rolledForwardNav(p.data, asOf);
  if (nav.gt(0)) yield { ...base, date: asOf, type: 'NAV', amount: toYuan(nav) };
}

/** How many cash-flow rows each position contributes (lets the workbook place its XIRR ranges before streaming). */
export function cashFlowCounts(positions: readonly ReviewPosition[], asOf: BusinessDate): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of positions) {
    let n = 0;
    for (const _ of positionCashFlows(p, asOf)) n++;
    m.set(p.code, n);
  }
  return m;
}

/** A group's flows netted by date, with the summed NAV as a final inflow on asOf (pooled XIRR input). */
export function pooledFlows(members: readonly ReviewPosition[], asOf: BusinessDate): Array<{ date: BusinessDate; amount: string }> {
  const byDate = new Map<string, Decimal>();
  let nav = new Decimal(0);
  for (const p of members) {
    for (const f of p.data.flows) {
      if (f.date > asOf) continue;
      const signed = f.kind === 'CONTRIBUTION' ? f.amount.neg() : f.amount;
      byDate.set(f.date, (byDate.get(f.date) ?? new Decimal(0)).plus(signed));
    }
    nav = nav.plus(rolledForwardNav(p.data, asOf));
  }
  if (nav.gt(0)) byDate.set(asOf, (byDate.get(asOf) ?? new Decimal(0)).plus(nav));
  return [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, amount]) => ({ date, amount: toYuan(amount) }));
}

/** Pooled series for the portfolio, each category and each vintage, named as the workbook groups them. */
export function pooledGroups(positions: readonly ReviewPosition[], asOf: BusinessDate): Array<{ group: string; rows: Array<{ date: BusinessDate; amount: string }> }> {
  const out = [{ group: 'PORTFOLIO', rows: pooledFlows(positions, asOf) }];
  for (const [c, members] of groupRows(positions, poolCategory)) out.push({ group: `CATEGORY:${c}`, rows: pooledFlows(members, asOf) });
  for (const [y, members] of groupRows(positions, (p) => p.vintage)) out.push({ group: `VINTAGE:${y}`, rows: pooledFlows(members, asOf) });
  return out;
}

/** S-fund purchases with the discount to NAV (1 − price / reference NAV) and the unfunded commitment taken on. */
export function secondaryPurchaseRows(rows: readonly SecondaryPurchaseRecord[], buyerLabel: (id: string | null) => string): SecondaryPurchaseRow[] {
  return rows.map((r) => {
    const ref = new Decimal(r.referenceNav);
    return {
      id: r.id,
      purchaseDate: r.purchaseDate,
      buyer: buyerLabel(r.buyerSubFundId),
      fundInterest: r.fundInterest,
      seller: r.seller,
      commitmentTransferred: toYuan(r.commitmentTransferred),
      paidInTransferred: toYuan(r.paidInTransferred),
      unfundedTransferred: toYuan(r.unfundedTransferred),
      referenceNav: toYuan(r.referenceNav),
      referenceNavDate: r.referenceNavDate,
      price: toYuan(r.price),
      discountToNav: ref.isZero() ? null : toRatio(new Decimal(1).minus(new Decimal(r.price).div(ref))),
      unfundedTakenOn: toYuan(r.unfundedTransferred),
    };
  });
}

export const stageLabel = (s: string) => PROJECT_STAGE.labels[s as keyof typeof PROJECT_STAGE.labels];
export const vintageOf = (d: BusinessDate) => yearOf(d);
