import type { TransactionContext } from '../transaction-context.js';
import type { BusinessDate } from '../../domain/money/business-date.js';
import { Decimal } from '../../domain/money/decimal.js';
import { knownAtSql } from '../known-at.js';
import type { PositionSeries } from '../../domain/figures/position-series.js';

/** A position's series without its commitment (the caller knows it), keyed by sub-fund or direct investment id. */
export type SeriesById = Map<string, Omit<PositionSeries, 'commitment'>>;

/** Contributions by position and calendar year (paid-in basis of the annual allocation). */
export interface YearlyContribution {
  positionId: string;
  year: number;
  amount: string;
}

/** Rows in force as known at an instant: not a reversal, not reversed by then, recorded by then. */
function activeFilter(table: string, alias: string, knownAtParam: string | null): string {
  const known = knownAtParam ? `AND ${knownAtSql(`${alias}.recorded_at`, knownAtParam)}` : '';
  const knownR = knownAtParam ? `AND ${knownAtSql('r.recorded_at', knownAtParam)}` : '';
  return `${alias}.reverses_id IS NULL ${known} AND NOT EXISTS (SELECT 1 FROM ${table} r WHERE r.reverses_id = ${alias}.id ${knownR})`;
}

/**
 * Heavy aggregation lives in SQL, where it is fast and exact: per position, the exact paid-in and
 * distributed, the NAV rolled forward from the latest valuation, and the flows netted per day in whole
 * fen, all in one pass over the flows. A review of 1,000 funds and a million flows reads this instead of
 * the rows themselves.
 */
export class PositionSeriesRepository {
  constructor(private readonly tx: TransactionContext) {}

  async series(fofId: string, asOf: BusinessDate, knownAt?: Date): Promise<SeriesById> {
    const params: unknown[] = [fofId, asOf];
    if (knownAt) params.push(knownAt);
    const k = knownAt ? '$3' : null;
    const rows: Array<{ pos: string; paid_in: string; distributed: string; nav: string; days: number[]; fen: string[]; n: number }> = await this.tx.manager().query(
      `WITH f AS (
         SELECT coalesce(t.sub_fund_id, t.direct_investment_id) AS pos, t.flow_date,
                sum(t.amount) FILTER (WHERE t.flow_type = 'CONTRIBUTION') AS contributed,
                sum(t.amount) FILTER (WHERE t.flow_type = 'DISTRIBUTION') AS distributed,
                count(*) AS n
           FROM position_flows t
          WHERE t.fof_id = $1 AND t.flow_date <= $2 AND ${activeFilter('position_flows', 't', k)}
          GROUP BY 1, 2
       ), v AS (
         SELECT DISTINCT ON (coalesce(t.sub_fund_id, t.direct_investment_id))
                coalesce(t.sub_fund_id, t.direct_investment_id) AS pos, t.valuation_date, t.nav
           FROM valuations t
          WHERE t.fof_id = $1 AND t.valuation_date <= $2 AND ${activeFilter('valuations', 't', k)}
          ORDER BY coalesce(t.sub_fund_id, t.direct_investment_id), t.valuation_date DESC, t.recorded_at DESC, t.id DESC
       ), agg AS (
         SELECT f.pos,
                coalesce(sum(f.contributed), 0) AS paid_in,
                coalesce(sum(f.distributed), 0) AS distributed,
                sum(f.n)::int AS n,
                coalesce(sum(coalesce(f.contributed, 0) - coalesce(f.distributed, 0))
                         FILTER (WHERE v.valuation_date IS NULL OR f.flow_date > v.valuation_date), 0) AS moved,
                array_agg(f.flow_date - DATE '1970-01-01' ORDER BY f.flow_date) AS days,
                array_agg(((coalesce(f.distributed, 0) - coalesce(f.contributed, 0)) * 100)::bigint ORDER BY f.flow_date) AS fen
           FROM f LEFT JOIN v ON v.pos = f.pos
          GROUP BY f.pos
       )
       SELECT coalesce(agg.pos, v.pos) AS pos,
              coalesce(agg.paid_in, 0)::text AS paid_in,
              coalesce(agg.distributed, 0)::text AS distributed,
              greatest(coalesce(v.nav, 0) + coalesce(agg.moved, 0), 0)::text AS nav,
              coalesce(agg.days, '{}') AS days,
              coalesce(agg.fen, '{}')::text[] AS fen,
              coalesce(agg.n, 0) AS n
         FROM agg FULL JOIN v ON v.pos = agg.pos`,
      params,
    );
    const out: SeriesById = new Map();
    for (const r of rows) {
      out.set(r.pos, {
        paidIn: new Decimal(r.paid_in),
        distributed: new Decimal(r.distributed),
        nav: new Decimal(r.nav),
        days: r.days,
        fen: r.fen.map((x) => BigInt(x)),
        flowCount: r.n,
      });
    }
    return out;
  }

  async yearlyContributions(fofId: string, asOf: BusinessDate, knownAt?: Date): Promise<YearlyContribution[]> {
    const params: unknown[] = [fofId, asOf];
    if (knownAt) params.push(knownAt);
    const rows: Array<{ pos: string; year: number; amount: string }> = await this.tx.manager().query(
      `SELECT coalesce(t.sub_fund_id, t.direct_investment_id) AS pos, extract(year FROM t.flow_date)::int AS year, sum(t.amount)::text AS amount
         FROM position_flows t
        WHERE t.fof_id = $1 AND t.flow_date <= $2 AND t.flow_type = 'CONTRIBUTION' AND ${activeFilter('position_flows', 't', knownAt ? '$3' : null)}
        GROUP BY 1, 2`,
      params,
    );
    return rows.map((r) => ({ positionId: r.pos, year: r.year, amount: r.amount }));
  }
}

/** One flow as the review workbook lists it. */
export interface FlowLine {
  flowDate: string;
  flowType: string;
  amount: string;
}

/** Streams a position's flows in date order, in batches, so a million rows never sit in memory at once. */
export async function* positionFlowLines(
  tx: TransactionContext,
  fofId: string,
  positionId: string,
  asOf: BusinessDate,
  knownAt?: Date,
  batch = 5000,
): AsyncGenerator<FlowLine> {
  let after: { date: string; id: string } | null = null;
  for (;;) {
    const params: unknown[] = [fofId, positionId, asOf, batch];
    let cursor = '';
    if (after) {
      params.push(after.date, after.id);
      cursor = `AND (t.flow_date, t.id) > ($5::date, $6::uuid)`;
    }
    let known: string | null = null;
    if (knownAt) {
      params.push(knownAt);
      known = `$${params.length}`;
    }
    const rows: Array<{ id: string; flow_date: string; flow_type: string; amount: string }> = await tx.manager().query(
      `SELECT t.id, t.flow_date, t.flow_type, t.amount
         FROM position_flows t
        WHERE t.fof_id = $1 AND (t.sub_fund_id = $2 OR t.direct_investment_id = $2) AND t.flow_date <= $3
          AND ${activeFilter('position_flows', 't', known)} ${cursor}
        ORDER BY t.flow_date, t.id
        LIMIT $4`,
      params,
    );
    for (const r of rows) yield { flowDate: r.flow_date, flowType: r.flow_type, amount: r.amount };
    if (rows.length < batch) return;
    const last = rows[rows.length - 1]!;
    after = { date: last.flow_date, id: last.id };
  }
}
