import type pg from 'pg';
import type { TransactionContext } from '../transaction-context.js';
import type { BusinessDate } from '../../domain/money/business-date.js';
import { Decimal } from '../../domain/money/decimal.js';
import { activeRowSql } from '../known-at.js';
import { dayNumber, fenText, type PositionSeries } from '../../domain/figures/position-series.js';
import { FlowColumns, seriesFromColumns } from '../../domain/figures/flow-columns.js';
import { arrayField, copyOutBinary, copyOutRows, discardConnection, numericFen } from '../binary-copy.js';

/** A position's series without its commitment (the caller knows it), keyed by sub-fund or direct investment id. */
export type SeriesById = Map<string, Omit<PositionSeries, 'commitment'>>;

/** Contributions by position and calendar year (paid-in basis of the annual allocation). */
export interface YearlyContribution {
  positionId: string;
  year: number;
  amount: string;
}

/**
 * For the flows' aggregation, local to the transaction: PostgreSQL guesses tens of thousands of
 * positions (the two id columns' statistics multiplied) and would sort a million rows to group them;
 * hashing a thousand groups is twice as fast, and its arrays need more than the default work_mem.
 */
const AGGREGATE_SETTINGS = `SELECT set_config('work_mem', '64MB', true), set_config('enable_sort', 'off', true)`;

/** How long the review waits for a second connection before reading all the flows on one (opening a new one takes tens of milliseconds). */
const SECOND_CONNECTION_WAIT_MS = 200;

/**
 * Per position: the exact paid-in and distributed, the NAV rolled forward from the latest valuation,
 * and the flows netted per day in whole fen, from one pass over the flows.
 */
export class PositionSeriesRepository {
  constructor(private readonly tx: TransactionContext) {}

  /**
   * Every position's series, and the contributions per position and year. The flows come through a
   * binary COPY (no text, no row objects) as columns, reduced per position in Node (FlowColumns).
   * Outside a transaction the table is read in two halves of its blocks at once (two cores, two
   * connections), both under one exported snapshot, so they see the same ledger.
   */
  async series(fofId: string, asOf: BusinessDate, knownAt?: Date): Promise<{ series: SeriesById; yearly: YearlyContribution[] }> {
    const em = this.tx.manager();
    const params: unknown[] = [fofId, asOf];
    const knownParam = knownAt ? `$${params.push(knownAt)}` : null;
    const [valuations, { columns, ids: all }]: readonly [Array<{ pos: string; day: number; nav: string }>, { columns: FlowColumns; ids: string[] }] = await this.tx.all([
      () =>
        em.query(
          `SELECT DISTINCT ON (coalesce(t.sub_fund_id, t.direct_investment_id))
                  coalesce(t.sub_fund_id, t.direct_investment_id) AS pos, t.valuation_date - DATE '1970-01-01' AS day, t.nav::text AS nav
             FROM valuations t
            WHERE t.fof_id = $1 AND t.valuation_date <= $2 AND ${activeRowSql('valuations', 't', knownParam)}
            ORDER BY coalesce(t.sub_fund_id, t.direct_investment_id), t.valuation_date DESC, t.recorded_at DESC, t.id DESC`,
          params,
        ),
      // Now (no knownAt): the read model the database keeps on every insert; as known at a past instant:
      // the flows themselves, recorded by then and not reversed by then.
      () => (knownAt ? this.flowColumns(fofId, asOf, knownAt) : this.modelColumns(fofId, asOf)),
    ] as const);
    const valuation = new Map(valuations.map((v) => [v.pos, v]));
    const r = seriesFromColumns(columns, (k) => valuation.get(all[k - 1]!));
    const series: SeriesById = new Map();
    for (const [k, x] of r.series) series.set(all[k - 1]!, x);
    const yearly = r.yearly.map((y): YearlyContribution => ({ positionId: all[y.pos - 1]!, year: y.year, amount: fenText(y.fen) }));
    // Positions with a valuation but no flow yet.
    for (const [pos, v] of valuation) {
      if (!series.has(pos)) series.set(pos, { paidIn: new Decimal(0), distributed: new Decimal(0), nav: Decimal.max(new Decimal(v.nav), 0), days: [], fen: new Float64Array(0), flowCount: 0 });
    }
    return { series, yearly };
  }

  /**
   * The FoF's flows in force now and dated by asOf, from the read model (migration 0006): a row per
   * position with its active flows packed as bytes, those after asOf skipped while decoding.
   */
  private async modelColumns(fofId: string, asOf: BusinessDate): Promise<{ columns: FlowColumns; ids: string[] }> {
    const lastDay = dayNumber(asOf);
    return this.tx.withClient(async (client) => {
      const fof = `${client.escapeLiteral(fofId)}::uuid`;
      // How many entries there are (the size of stored bytes, nothing read), so the columns are made once.
      const [{ n }] = (await client.query(`SELECT (coalesce(sum(length(entries)), 0) / 12 + coalesce(sum(cardinality(big_days)), 0))::int AS n FROM position_series WHERE fof_id = ${fof}`)).rows as [{ n: number }];
      const target = new ColumnTarget(n);
      await copyOutBinary(client, `SELECT position_id, entries, big_days, big_amounts FROM position_series WHERE fof_id = ${fof}`, (b, at) => target.addPacked(b, at, lastDay));
      return target;
    });
  }

  /** The FoF's active flows as of the date and as known at an instant, as columns. */
  private async flowColumns(fofId: string, asOf: BusinessDate, knownAt: Date | undefined): Promise<{ columns: FlowColumns; ids: string[] }> {
    const target = new ColumnTarget();
    const read = (client: pg.ClientBase, blocks: string) => copyFlows(client, target, { fofId, asOf, knownAt, blocks });
    if (this.tx.inTransaction()) {
      await this.tx.withClient(async (client) => {
        // The caller's transaction goes on after this read: put its settings back (after a failed read
        // the transaction is aborted and there is nothing to put back).
        const [before] = (await client.query(`SELECT current_setting('work_mem') AS w, current_setting('enable_sort') AS s`)).rows as [{ w: string; s: string }];
        await client.query(AGGREGATE_SETTINGS);
        await read(client, 'TRUE');
        await client.query(`SELECT set_config('work_mem', $1, true), set_config('enable_sort', $2, true)`, [before.w, before.s]);
      });
      return target;
    }
    const a = await this.tx.lease();
    // The second half's connection only if the pool has one to spare now; else one connection reads all.
    const b = await this.tx.tryLease(SECOND_CONNECTION_WAIT_MS);
    const clients = b ? [a.client, b.client] : [a.client];
    try {
      const begin = `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`;
      await a.client.query(begin);
      const [{ snapshot, blocks }] = (
        await a.client.query(`SELECT pg_export_snapshot() AS snapshot, (pg_relation_size('position_flows') / current_setting('block_size')::int)::int AS blocks`)
      ).rows as [{ snapshot: string; blocks: number }];
      await a.client.query(AGGREGATE_SETTINGS);
      if (b) {
        await b.client.query(begin);
        await b.client.query(`SET TRANSACTION SNAPSHOT ${b.client.escapeLiteral(snapshot)}`);
        await b.client.query(AGGREGATE_SETTINGS);
        const mid = `'(${Math.floor(blocks / 2)},0)'::tid`;
        // The first half of the table's blocks here, the rest (including any block added since) there.
        await Promise.all([read(a.client, `t.ctid < ${mid}`), read(b.client, `t.ctid >= ${mid}`)]);
      } else await read(a.client, 'TRUE');
      for (const c of clients) await c.query('COMMIT');
    } catch (e) {
      // Read-only transactions, and one connection may be stuck in a COPY: closing both ends them.
      await Promise.all(clients.map(discardConnection));
      throw e;
    } finally {
      await b?.release();
      await a.release();
    }
    return target;
  }
}

/**
 * Where the decoded rows go: the columns, and the positions' ids (a position's ordinal is its place in
 * ids, from 1). Both reads send a row per position: the read model its packed entries, the flows' read
 * three arrays (day numbers, amounts as PostgreSQL's exact binary numerics, and whether each is a
 * contribution: then it counts negative). numericFen turns an amount into whole fen: a float64 integer
 * below 10^12 yuan, a bigint above.
 */
class ColumnTarget {
  readonly columns: FlowColumns;
  readonly ids: string[] = [];
  private readonly ordinals = new Map<string, number>();

  constructor(capacity?: number) {
    this.columns = new FlowColumns(capacity);
  }

  private ordinal(id: string): number {
    let pos = this.ordinals.get(id);
    if (pos === undefined) this.ordinals.set(id, (pos = this.ids.push(id)));
    return pos;
  }

  /**
   * One read-model tuple at `at` (uuid, entries bytea, big_days int4[], big_amounts numeric[]): each
   * entry is an int4 day and an int8 signed fen, a float64 integer when it is below 2^53 in size (high
   * word within ±2^21), else a bigint. Flows dated after lastDay are skipped.
   */
  addPacked(b: Buffer, at: number, lastDay: number): void {
    const pos = this.ordinal(uuidText(b, at + 4));
    const start = at + 24;
    const end = start + b.readInt32BE(at + 20);
    const columns = this.columns;
    const v = new DataView(b.buffer, b.byteOffset, b.length);
    for (let p = start; p < end; p += 12) {
      const day = v.getInt32(p);
      if (day > lastDay) continue;
      const hi = v.getInt32(p + 4);
      columns.add(pos, day, hi >= -0x200000 && hi < 0x200000 ? hi * 0x1_0000_0000 + v.getUint32(p + 8) : v.getBigInt64(p + 4));
    }
    const days = arrayField(b, end);
    const amounts = arrayField(b, days.next);
    for (let i = 0, q = amounts.elements; i < days.count; i++) {
      const day = b.readInt32BE(days.elements + 8 * i + 4);
      const amountAt = q + 4;
      q += 4 + b.readInt32BE(q);
      if (day <= lastDay) columns.add(pos, day, numericFen(b, amountAt)); // signed already
    }
  }

  /** One tuple (uuid, int4[], numeric[], bool[]) at `at`: a position's flows as the flows' own read sends them. */
  addArrays(b: Buffer, at: number): void {
    const pos = this.ordinal(uuidText(b, at + 4));
    const days = arrayField(b, at + 20);
    const amounts = arrayField(b, days.next);
    const contribution = arrayField(b, amounts.next);
    for (let i = 0, q = amounts.elements; i < days.count; i++) {
      const fen = numericFen(b, q + 4);
      q += 4 + b.readInt32BE(q);
      // bool elements: int32 length 1, then the byte
      this.columns.add(pos, b.readInt32BE(days.elements + 8 * i + 4), b[contribution.elements + 5 * i + 4] === 1 ? -fen : fen);
    }
  }
}

/**
 * One COPY of the active flows in the given blocks, as known at an instant, into `target`: a row per
 * position with its flows as arrays (a thousand tuples to decode, not a million). Doing the sign and
 * the scaling while decoding rather than in SQL halves PostgreSQL's work: numeric arithmetic per row
 * was the most expensive part of the query. The caller sets AGGREGATE_SETTINGS.
 */
async function copyFlows(client: pg.ClientBase, target: ColumnTarget, o: { fofId: string; asOf: BusinessDate; knownAt: Date | undefined; blocks: string }): Promise<void> {
  // COPY takes no bind parameters: every value is a quoted literal.
  const lit = (v: string) => client.escapeLiteral(v);
  const k = o.knownAt ? `${lit(o.knownAt.toISOString())}::timestamptz` : null;
  await copyOutBinary(
    client,
    `SELECT coalesce(t.sub_fund_id, t.direct_investment_id), array_agg(t.flow_date - DATE '1970-01-01'), array_agg(t.amount), array_agg(t.flow_type = 'CONTRIBUTION')
       FROM position_flows t
      WHERE ${o.blocks} AND t.fof_id = ${lit(o.fofId)}::uuid AND t.flow_date <= ${lit(o.asOf)}::date AND ${activeRowSql('position_flows', 't', k)}
      GROUP BY t.sub_fund_id, t.direct_investment_id`,
    (b, at) => target.addArrays(b, at),
  );
}

/** A binary uuid as its text form. */
function uuidText(b: Buffer, at: number): string {
  const h = b.toString('hex', at, at + 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** One flow as the review workbook lists it. */
export interface FlowLine {
  positionId: string;
  flowDate: string;
  flowType: string;
  amount: string;
}

/**
 * Streams the flows of many positions in the order given (and by date within each) in one COPY: the
 * server scans and sorts once, and the rows arrive in batches at the pace the caller takes them, so a
 * million rows never sit in memory at once. (Reading a few dozen positions per query instead touched
 * the same table pages again for every batch: a position's flows are spread over the whole table.)
 */
export async function* positionFlowLines(
  tx: TransactionContext,
  fofId: string,
  positionIds: readonly string[],
  asOf: BusinessDate,
  knownAt?: Date,
): AsyncGenerator<FlowLine[]> {
  if (positionIds.length === 0) return;
  const { client, release } = await tx.lease();
  let finished = false;
  try {
    const lit = (v: string) => client.escapeLiteral(v);
    const known = knownAt ? `${lit(knownAt.toISOString())}::timestamptz` : null;
    const query = `SELECT p.k, t.flow_date, t.flow_type, t.amount
         FROM position_flows t
         JOIN unnest(${lit(`{${positionIds.join(',')}}`)}::uuid[]) WITH ORDINALITY AS p(id, k) ON p.id = coalesce(t.sub_fund_id, t.direct_investment_id)
        WHERE t.fof_id = ${lit(fofId)}::uuid AND t.flow_date <= ${lit(asOf)}::date AND ${activeRowSql('position_flows', 't', known)}
        ORDER BY p.k, t.flow_date, t.id`;
    // numeric(20,2) comes back as text with exactly two decimals: the exact amount, ready to print.
    for await (const rows of copyOutRows(client, query)) {
      yield rows.map((r) => ({ positionId: positionIds[Number(r[0]) - 1]!, flowDate: r[1]!, flowType: r[2]!, amount: r[3]! }));
    }
    finished = true;
  } finally {
    // A caller that stops early (a client gone mid-download) leaves the COPY running.
    if (!finished) await discardConnection(client);
    await release();
  }
}
