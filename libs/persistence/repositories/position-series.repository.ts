import type { TransactionContext } from '../transaction-context.js';
import type { BusinessDate } from '../../domain/money/business-date.js';
import { Decimal } from '../../domain/money/decimal.js';
import { knownAtSql } from '../known-at.js';
import { fenToYuan, type PositionSeries } from '../../domain/figures/position-series.js';
import { FlowColumns, seriesFromColumns } from '../../domain/figures/flow-columns.js';
import { copyOutBinary, numericFen } from '../binary-copy.js';

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
  // "r.reverses_id IS NOT NULL" lets PostgreSQL read the reversals from their partial unique index
  // instead of scanning the whole table for them.
  return `${alias}.reverses_id IS NULL ${known} AND NOT EXISTS (SELECT 1 FROM ${table} r WHERE r.reverses_id = ${alias}.id AND r.reverses_id IS NOT NULL ${knownR})`;
}

/**
 * Per position: the exact paid-in and distributed, the NAV rolled forward from the latest valuation,
 * and the flows netted per day in whole fen, from one pass over the flows.
 */
export class PositionSeriesRepository {
  constructor(private readonly tx: TransactionContext) {}

  /**
   * Every position's series, and the contributions per position and year. The flows come through a
   * binary COPY (no text, no row objects) as columns, reduced per position in Node (FlowColumns).
   * Outside a transaction the positions are split in two halves read concurrently (two cores, two
   * connections).
   */
  async series(fofId: string, asOf: BusinessDate, knownAt?: Date): Promise<{ series: SeriesById; yearly: YearlyContribution[] }> {
    const em = this.tx.manager();
    const [ids, valuations]: readonly [Array<{ id: string }>, Array<{ pos: string; day: number; nav: string }>] = await this.tx.all([
      () => em.query(`SELECT id FROM sub_funds WHERE fof_id = $1 UNION ALL SELECT id FROM direct_investments WHERE fof_id = $1`, [fofId]),
      () => {
        const params: unknown[] = [fofId, asOf];
        const k = knownAt ? `$${params.push(knownAt)}` : null;
        return em.query(
          `SELECT DISTINCT ON (coalesce(t.sub_fund_id, t.direct_investment_id))
                  coalesce(t.sub_fund_id, t.direct_investment_id) AS pos, t.valuation_date - DATE '1970-01-01' AS day, t.nav::text AS nav
             FROM valuations t
            WHERE t.fof_id = $1 AND t.valuation_date <= $2 AND ${activeFilter('valuations', 't', k)}
            ORDER BY coalesce(t.sub_fund_id, t.direct_investment_id), t.valuation_date DESC, t.recorded_at DESC, t.id DESC`,
          params,
        );
      },
    ] as const);
    const valuation = new Map(valuations.map((v) => [v.pos, v]));
    const all = ids.map((r) => r.id);
    const halves = this.tx.inTransaction() || all.length < 2 ? [all] : [all.slice(0, all.length >> 1), all.slice(all.length >> 1)];
    const parts = await this.tx.all(halves.map((h) => () => this.flowColumns(fofId, h, asOf, knownAt)));
    const series: SeriesById = new Map();
    const yearly: YearlyContribution[] = [];
    parts.forEach((columns, h) => {
      const part = halves[h]!;
      const r = seriesFromColumns(columns, (k) => valuation.get(part[k - 1]!));
      for (const [k, s] of r.series) series.set(part[k - 1]!, s);
      for (const y of r.yearly) yearly.push({ positionId: part[y.pos - 1]!, year: y.year, amount: fenToYuan(y.fen).toFixed(2) });
    });
    // Positions with a valuation but no flow yet.
    for (const [pos, v] of valuation) {
      if (!series.has(pos)) series.set(pos, { paidIn: new Decimal(0), distributed: new Decimal(0), nav: Decimal.max(new Decimal(v.nav), 0), days: [], fen: [], flowCount: 0 });
    }
    return { series, yearly };
  }

  /** The active flows of these positions as of the date, as columns; a position's ordinal is its place in ids, from 1. */
  private flowColumns(fofId: string, ids: readonly string[], asOf: BusinessDate, knownAt: Date | undefined): Promise<FlowColumns> {
    const columns = new FlowColumns();
    if (ids.length === 0) return Promise.resolve(columns);
    return this.tx.withClient(async (client) => {
      // COPY takes no bind parameters: every value is a quoted literal.
      const lit = (v: string) => client.escapeLiteral(v);
      const k = knownAt ? `${lit(knownAt.toISOString())}::timestamptz` : null;
      await copyOutBinary(
        client,
        `SELECT p.k::int4, t.flow_date - DATE '1970-01-01', t.flow_type = 'CONTRIBUTION', t.amount
           FROM position_flows t
           JOIN unnest(${lit(`{${ids.join(',')}}`)}::uuid[]) WITH ORDINALITY AS p(id, k) ON p.id = coalesce(t.sub_fund_id, t.direct_investment_id)
          WHERE t.fof_id = ${lit(fofId)}::uuid AND t.flow_date <= ${lit(asOf)}::date AND ${activeFilter('position_flows', 't', k)}`,
        // Fields: int4 ordinal, int4 day, bool contribution, numeric amount; each after its int32 length.
        (b, at) => {
          const fen = numericFen(b, at + 25);
          columns.add(b.readInt32BE(at + 4), b.readInt32BE(at + 12), b[at + 20] === 1 ? -fen : fen);
        },
      );
      return columns;
    });
  }
}

/** One flow as the review workbook lists it. */
export interface FlowLine {
  positionId: string;
  flowDate: string;
  flowType: string;
  amount: string;
}

/**
 * Streams the flows of many positions in the order given (and by date within each), in batches of a
 * few dozen positions per query, so a million rows never sit in memory at once and a thousand positions do not
 * cost a thousand round trips.
 */
export async function* positionFlowLines(
  tx: TransactionContext,
  fofId: string,
  positionIds: readonly string[],
  asOf: BusinessDate,
  knownAt?: Date,
  positionsPerQuery = 40,
): AsyncGenerator<FlowLine[]> {
  const read = async (from: number): Promise<FlowLine[]> => {
    const ids = positionIds.slice(from, from + positionsPerQuery);
    const params: unknown[] = [fofId, ids, asOf];
    const known = knownAt ? `$${params.push(knownAt)}` : null;
    const rows: Array<{ pos: string; flow_date: string; flow_type: string; amount: string }> = await tx.manager().query(
      `SELECT coalesce(t.sub_fund_id, t.direct_investment_id) AS pos, t.flow_date, t.flow_type, t.amount
         FROM position_flows t
        WHERE t.fof_id = $1 AND (t.sub_fund_id = ANY($2::uuid[]) OR t.direct_investment_id = ANY($2::uuid[])) AND t.flow_date <= $3
          AND ${activeFilter('position_flows', 't', known)}
        ORDER BY array_position($2::uuid[], coalesce(t.sub_fund_id, t.direct_investment_id)), t.flow_date, t.id`,
      params,
    );
    // numeric(20,2) comes back as text with exactly two decimals: the exact amount, ready to print.
    return rows.map((r) => ({ positionId: r.pos, flowDate: r.flow_date, flowType: r.flow_type, amount: r.amount }));
  };
  // One batch ahead: the database reads the next positions while the caller writes these.
  let pending: Promise<FlowLine[]> | null = positionIds.length > 0 ? read(0) : null;
  try {
    for (let i = 0; pending; i += positionsPerQuery) {
      const lines = await pending;
      pending = i + positionsPerQuery < positionIds.length ? read(i + positionsPerQuery) : null;
      yield lines;
    }
  } finally {
    // A caller that stops early leaves the read ahead running: its outcome is of no use.
    pending?.catch(() => undefined);
  }
}
