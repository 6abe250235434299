import { Decimal } from '../money/decimal.js';
import { toRatio, toYuan } from '../money/money.js';
import type { BusinessDate } from '../money/business-date.js';
import { seriesFigures } from '../figures/position-figures.js';
import { dateOfDay, fenText, poolSeries, type PositionSeries } from '../figures/position-series.js';
import { SUB_FUND_CATEGORY } from '../ledger/vocabulary.js';
import type { SecondaryPurchaseRecord } from '../ledger/records.js';
import type { CategoryRow, PositionRow, SecondaryPurchaseRow, VintageRow } from './review-model.js';

/** One position with what the review needs to compute and list it: a position row's fields, and its series. */
export type ReviewPosition = Omit<PositionRow, 'figures'> & { data: PositionSeries };

/** Position rows with their figures, in the order given. */
export function positionRows(positions: readonly ReviewPosition[], asOf: BusinessDate): PositionRow[] {
  return positions.map(({ data, ...p }) => ({ ...p, figures: seriesFigures(data, asOf) }));
}

function groupRows<K extends string | number>(positions: readonly ReviewPosition[], key: (p: ReviewPosition) => K): Map<K, ReviewPosition[]> {
  const m = new Map<K, ReviewPosition[]>();
  for (const p of positions) {
    const k = key(p);
    const list = m.get(k);
    if (list) list.push(p);
    else m.set(k, [p]);
  }
  return m;
}

/** Category of a position for pooling: the sub-fund category, or DIRECT for the FoF's own projects. */
export const poolCategory = (p: ReviewPosition) => (p.kind === 'DIRECT' ? 'DIRECT' : p.category);

/** Each group pooled once: its member count and its series, used for both its figures and its flow rows. */
interface Pool<K> {
  key: K;
  positions: number;
  series: PositionSeries;
}

function pools<K extends string | number>(positions: readonly ReviewPosition[], key: (p: ReviewPosition) => K): Map<K, Pool<K>> {
  const out = new Map<K, Pool<K>>();
  for (const [k, members] of groupRows(positions, key)) out.set(k, { key: k, positions: members.length, series: poolSeries(members.map((m) => m.data)) });
  return out;
}

const CATEGORY_ORDER = [...SUB_FUND_CATEGORY.values, 'DIRECT'];

function categoryRowsOf(byCategory: Map<string, Pool<string>>, asOf: BusinessDate): CategoryRow[] {
  return CATEGORY_ORDER.filter((c) => byCategory.has(c)).map((c) => {
    const label = c === 'DIRECT' ? { zh: '直接投资', en: 'Direct investments' } : SUB_FUND_CATEGORY.labels[c as keyof typeof SUB_FUND_CATEGORY.labels];
    const g = byCategory.get(c)!;
    return { category: c, labelZh: label.zh, labelEn: label.en, positions: g.positions, figures: seriesFigures(g.series, asOf) };
  });
}

function vintageRowsOf(byVintage: Map<number, Pool<number>>, asOf: BusinessDate): VintageRow[] {
  return [...byVintage.values()].sort((a, b) => a.key - b.key).map((g) => ({ year: g.key, positions: g.positions, figures: seriesFigures(g.series, asOf) }));
}

/** Figures per category, pooled over the underlying flows (never averaged), in the vocabulary's order. */
export function categoryRows(positions: readonly ReviewPosition[], asOf: BusinessDate): CategoryRow[] {
  return categoryRowsOf(pools(positions, poolCategory), asOf);
}

export function vintageRows(positions: readonly ReviewPosition[], asOf: BusinessDate): VintageRow[] {
  return vintageRowsOf(pools(positions, (p) => p.vintage), asOf);
}

/** One row of a pooled series: a day's netted flow, or the closing NAV as the final inflow on asOf. */
export interface PooledFlowLine {
  date: BusinessDate;
  amount: string;
  type: 'FLOW' | 'NAV';
}

/**
 * A pooled series netted by date (a day netting to zero kept as a 0.00 row), then its NAV (when above 0)
 * as a final inflow on asOf (the pooled XIRR's input). The NAV is a row of its own even when flows fall on asOf too: the same sum on that day, so the
 * same XIRR, and each row says what it is.
 */
function flowRows(s: PositionSeries, asOf: BusinessDate): PooledFlowLine[] {
  const rows: PooledFlowLine[] = [];
  // Every day with flows, a day netting to zero too: a spreadsheet's XIRR measures time from the first
  // row, as the review's does from the first day with flows (a zero adds nothing to the NPV).
  for (let i = 0; i < s.days.length; i++) rows.push({ date: dateOfDay(s.days[i]!), amount: fenText(s.fen[i]!), type: 'FLOW' });
  if (s.nav.gt(0)) rows.push({ date: asOf, amount: toYuan(s.nav), type: 'NAV' });
  return rows;
}

/** A group's flows netted by date, with the summed NAV as a final inflow on asOf. */
export function pooledFlows(members: readonly ReviewPosition[], asOf: BusinessDate): PooledFlowLine[] {
  return flowRows(poolSeries(members.map((m) => m.data)), asOf);
}

export type PooledGroup = { group: string; rows: PooledFlowLine[] };

/**
 * The review's pooled tables in one pass: the portfolio, each category and each vintage pooled once,
 * giving both their figures and (on demand) the pooled series the workbook's XIRR formulas point at.
 */
export function reviewPools(positions: readonly ReviewPosition[], asOf: BusinessDate) {
  const byCategory = pools(positions, poolCategory);
  // The categories partition the positions, and pooling is a sum: the portfolio is their pool.
  const portfolio = poolSeries([...byCategory.values()].map((g) => g.series));
  const byVintage = pools(positions, (p) => p.vintage);
  // Only the workbook lists the pooled series (tens of thousands of dated rows): made when asked for.
  const pooledGroups = (): PooledGroup[] => [
    { group: 'PORTFOLIO', rows: flowRows(portfolio, asOf) },
    ...[...byCategory.values()].map((g) => ({ group: `CATEGORY:${g.key}`, rows: flowRows(g.series, asOf) })),
    ...[...byVintage.values()].map((g) => ({ group: `VINTAGE:${g.key}`, rows: flowRows(g.series, asOf) })),
  ];
  return { portfolio: seriesFigures(portfolio, asOf), categories: categoryRowsOf(byCategory, asOf), vintages: vintageRowsOf(byVintage, asOf), pooledGroups };
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
