import type { TransactionContext } from '../transaction-context.js';
import type { BusinessDate } from '../../domain/money/business-date.js';
import { Decimal } from '../../domain/money/decimal.js';
import { knownAtSql } from '../known-at.js';
import { fenToYuan, type PositionSeries } from '../../domain/figures/position-series.js';

/** A position's series without its commitment (the caller knows it), keyed by sub-fund or direct investment id. */
export type SeriesById = Map<string, Omit<PositionSeries, 'commitment'>>;

/** Contributions by position and calendar year (paid-in basis of the annual allocation). */
export interface YearlyContribution {
  positionId: string;
  year: number;
  amount: string;
}

/**
 * Parses "day fen,day fen,…" (string_agg: one string per position instead of a million array elements,
 * which kept the garbage collector busy). Whole numbers only; fen stay exact as bigint.
 */
function parseFlows(text: string, n: number): { day: Int32Array; fen: bigint[] } {
  const day = new Int32Array(n);
  const fen: bigint[] = new Array<bigint>(n);
  let i = 0;
  let k = 0;
  while (k < n) {
    let d = 0;
    let neg = false;
    if (text.charCodeAt(i) === 45) {
      neg = true;
      i++;
    }
    while (text.charCodeAt(i) !== 32) d = d * 10 + (text.charCodeAt(i++) - 48);
    day[k] = neg ? -d : d;
    const start = ++i;
    while (i < text.length && text.charCodeAt(i) !== 44) i++;
    const digits = text.slice(start, i);
    // Below 2^53 a float64 holds the integer exactly and BigInt(number) is cheaper than parsing text.
    fen[k++] = digits.length <= 15 ? BigInt(Number(digits)) : BigInt(digits);
    i++;
  }
  return { day, fen };
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

  /**
   * Every position's series, and the contributions per position and year, in one pass over the flows.
   * Outside a transaction the positions are split in two halves read concurrently (two cores, two
   * connections): the ordered aggregates cannot use PostgreSQL's parallel workers by themselves.
   */
  async series(fofId: string, asOf: BusinessDate, knownAt?: Date): Promise<{ series: SeriesById; yearly: YearlyContribution[] }> {
    const parts = this.tx.inTransaction() ? [null] : [0, 1];
    const results = await Promise.all(parts.map((part) => this.seriesPart(fofId, asOf, knownAt, part)));
    const series: SeriesById = new Map();
    const yearly: YearlyContribution[] = [];
    for (const r of results) {
      for (const [k, v] of r.series) series.set(k, v);
      yearly.push(...r.yearly);
    }
    return { series, yearly };
  }

  private async seriesPart(fofId: string, asOf: BusinessDate, knownAt: Date | undefined, part: number | null) {
    const params: unknown[] = [fofId, asOf];
    const k = knownAt ? `$${params.push(knownAt)}` : null;
    const split = part === null ? '' : `AND (hashtext(coalesce(t.sub_fund_id, t.direct_investment_id)::text) & 1) = $${params.push(part)}`;
    const em = this.tx.manager();
    // The latest valuation per position, and the flows per position as unordered arrays: grouping by the
    // two id columns lets PostgreSQL aggregate without sorting a million rows; each position's few
    // thousand flows are ordered here instead.
    const [valuations, flows]: readonly [
      Array<{ pos: string; day: number; nav: string }>,
      Array<{ pos: string; paid_in: string | null; distributed: string | null; n: number; flows: string }>,
    ] = await this.tx.all([
      () => em.query(
        `SELECT DISTINCT ON (coalesce(t.sub_fund_id, t.direct_investment_id))
                coalesce(t.sub_fund_id, t.direct_investment_id) AS pos, t.valuation_date - DATE '1970-01-01' AS day, t.nav::text AS nav
           FROM valuations t
          WHERE t.fof_id = $1 AND t.valuation_date <= $2 AND ${activeFilter('valuations', 't', k)} ${split}
          ORDER BY coalesce(t.sub_fund_id, t.direct_investment_id), t.valuation_date DESC, t.recorded_at DESC, t.id DESC`,
        params,
      ),
      () => em.query(
        `SELECT coalesce(t.sub_fund_id, t.direct_investment_id) AS pos,
                (sum(t.amount) FILTER (WHERE t.flow_type = 'CONTRIBUTION'))::text AS paid_in,
                (sum(t.amount) FILTER (WHERE t.flow_type = 'DISTRIBUTION'))::text AS distributed,
                count(*)::int AS n,
                string_agg((t.flow_date - DATE '1970-01-01')::text || ' ' || ((CASE WHEN t.flow_type = 'CONTRIBUTION' THEN -t.amount ELSE t.amount END) * 100)::bigint::text, ',') AS flows
           FROM position_flows t
          WHERE t.fof_id = $1 AND t.flow_date <= $2 AND ${activeFilter('position_flows', 't', k)} ${split}
          GROUP BY t.sub_fund_id, t.direct_investment_id`,
        params,
      ),
    ] as const);
    const valuation = new Map(valuations.map((v) => [v.pos, v]));
    const series: SeriesById = new Map();
    const yearly: YearlyContribution[] = [];
    for (const r of flows) {
      const v = valuation.get(r.pos);
      valuation.delete(r.pos);
      const { day, fen: raw } = parseFlows(r.flows, r.n);
      const order = Array.from({ length: r.n }, (_, i) => i).sort((a, b) => day[a]! - day[b]!);
      // Net same-day flows, sum contributions per year, and roll the NAV forward from the valuation,
      // all exactly in fen.
      const days: number[] = [];
      const fen: bigint[] = [];
      const byYear = new Map<number, bigint>();
      let moved = 0n;
      for (const i of order) {
        const d = day[i]!;
        const x = raw[i]!;
        if (days.length > 0 && days[days.length - 1] === d) fen[fen.length - 1]! += x;
        else {
          days.push(d);
          fen.push(x);
        }
        if (x < 0n) {
          const y = new Date(d * 86_400_000).getUTCFullYear();
          byYear.set(y, (byYear.get(y) ?? 0n) - x);
        }
        if (!v || d > v.day) moved -= x; // a contribution adds to the NAV, a distribution takes from it
      }
      for (const [year, x] of byYear) yearly.push({ positionId: r.pos, year, amount: fenToYuan(x).toFixed(2) });
      const nav = new Decimal(v?.nav ?? '0').plus(fenToYuan(moved));
      series.set(r.pos, {
        paidIn: new Decimal(r.paid_in ?? '0'),
        distributed: new Decimal(r.distributed ?? '0'),
        nav: Decimal.max(nav, 0),
        days,
        fen,
        flowCount: r.n,
      });
    }
    // Positions with a valuation but no flow yet.
    for (const [pos, v] of valuation) {
      series.set(pos, { paidIn: new Decimal(0), distributed: new Decimal(0), nav: Decimal.max(new Decimal(v.nav), 0), days: [], fen: [], flowCount: 0 });
    }
    return { series, yearly };
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
