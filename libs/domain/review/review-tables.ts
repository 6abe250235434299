import { Decimal } from '../money/decimal.js';
import { toRatio, toYuan } from '../money/money.js';
import type { BusinessDate } from '../money/business-date.js';
import { seriesFigures } from '../figures/position-figures.js';
import { dateOfDay, dayNumber, fenToYuan, poolSeries, type PositionSeries } from '../figures/position-series.js';
import { SUB_FUND_CATEGORY } from '../ledger/vocabulary.js';
import type { SecondaryPurchaseRecord } from '../ledger/records.js';
import type { CategoryRow, PositionRow, SecondaryPurchaseRow, VintageRow } from './review-model.js';

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
  data: PositionSeries;
}

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

const pooled = (members: readonly ReviewPosition[], asOf: BusinessDate) => seriesFigures(poolSeries(members.map((m) => m.data)), asOf);

/** Figures per category, pooled over the underlying flows (never averaged), in the vocabulary's order. */
export function categoryRows(positions: readonly ReviewPosition[], asOf: BusinessDate): CategoryRow[] {
  const groups = groupRows(positions, poolCategory);
  const order = [...SUB_FUND_CATEGORY.values, 'DIRECT'];
  return order
    .filter((c) => groups.has(c))
    .map((c) => {
      const label = c === 'DIRECT' ? { zh: '直接投资', en: 'Direct investments' } : SUB_FUND_CATEGORY.labels[c as keyof typeof SUB_FUND_CATEGORY.labels];
      const members = groups.get(c)!;
      return { category: c, labelZh: label.zh, labelEn: label.en, positions: members.length, figures: pooled(members, asOf) };
    });
}

export function vintageRows(positions: readonly ReviewPosition[], asOf: BusinessDate): VintageRow[] {
  const groups = groupRows(positions, (p) => p.vintage);
  return [...groups.keys()].sort((a, b) => a - b).map((year) => ({ year, positions: groups.get(year)!.length, figures: pooled(groups.get(year)!, asOf) }));
}

/** A group's flows netted by date, with the summed NAV as a final inflow on asOf (the pooled XIRR's input). */
export function pooledFlows(members: readonly ReviewPosition[], asOf: BusinessDate): Array<{ date: BusinessDate; amount: string }> {
  const s = poolSeries(members.map((m) => m.data));
  const rows = s.days.map((d, i) => ({ day: d, fen: s.fen[i]! }));
  if (s.nav.gt(0)) {
    const navFen = BigInt(s.nav.times(100).toFixed(0));
    const last = rows[rows.length - 1];
    if (last && last.day === dayNumber(asOf)) last.fen += navFen;
    else rows.push({ day: dayNumber(asOf), fen: navFen });
  }
  return rows.filter((r) => r.fen !== 0n).map((r) => ({ date: dateOfDay(r.day), amount: toYuan(fenToYuan(r.fen)) }));
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
