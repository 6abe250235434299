import type pg from 'pg';
import type { CopyValue } from './bulk-copy.js';
import { epochDay, putInt32 } from './copy-binary-in.js';

/** The date reader is the binary encoder's own: the feed reads the dates the encoder has just taken. */
export { epochDay };

/** The largest amount whose signed fen fits an int8, in fen (migration 0006's INT8_YUAN). */
const INT8_FEN = 9_223_372_036_854_775_807n;
/** Model rows per INSERT statement. */
const ROWS_PER_STATEMENT = 100;
/** A new position's room for entries, doubled as it fills. */
const FIRST_ENTRIES = 8;
/** The columns the model is made of. */
const MODEL_COLUMNS = ['fof_id', 'sub_fund_id', 'direct_investment_id', 'flow_type', 'flow_date', 'amount'] as const;

/** One position's new entries: 12 bytes each (day as int4, signed fen as int8, big-endian), and the amounts beyond int8 fen. */
interface Position {
  fof: string;
  entries: Buffer;
  length: number;
  bigDays: number[];
  bigAmounts: string[];
}

/**
 * An amount of numeric(20,2) ([+-]digits[.digits], no non-zero digit past the second decimal) in
 * whole fen, exactly: a number below 10^15 fen (a double holds every integer to 2^53), else a BigInt;
 * null when it is not such an amount.
 */
export function amountFen(v: CopyValue): number | bigint | null {
  const s = typeof v === 'number' ? String(v) : v;
  if (typeof s !== 'string') return null;
  const len = s.length;
  let i = 0;
  const c0 = s.charCodeAt(0);
  if (c0 === 45 || c0 === 43) i = 1;
  const intStart = i;
  let yuan = 0;
  while (i < len) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    yuan = yuan * 10 + d;
    i++;
  }
  const intEnd = i;
  if (intEnd === intStart) return null;
  let cents = 0;
  if (i < len) {
    if (s.charCodeAt(i) !== 46 || i + 1 === len) return null;
    for (let k = 1; ++i < len; k++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return null;
      if (k <= 2) cents += k === 1 ? 10 * d : d;
      else if (d !== 0) return null;
    }
  }
  const negative = c0 === 45;
  if (intEnd - intStart <= 13) {
    const fen = yuan * 100 + cents;
    return negative ? -fen : fen;
  }
  const fen = BigInt(s.slice(intStart, intEnd)) * 100n + BigInt(cents);
  return negative ? -fen : fen;
}

/**
 * The flows read model (position_series, migration 0006) kept by a first load itself, from the rows it
 * copies, instead of by the statement trigger that aggregates them again on the server (ADR-0007,
 * session 6). The rows are read as they go by, on this side, while the server takes them in; after the
 * COPY, each position's new entries are appended to its model row, in position order as the trigger
 * does, with the same bytes the trigger would append: for each row, in row order, the day since
 * 1970-01-01 as int4 and the amount in fen as int8, contributions negative, big-endian; an amount
 * beyond int8 fen goes to big_days / big_amounts instead.
 */
export class PositionSeriesFeed {
  /** Each position by the uuid as the rows spell it (several spellings of one uuid share its Position). */
  private readonly positions = new Map<CopyValue, Position>();
  /** Each position by its uuid in lowercase hex, without hyphens: PostgreSQL's order of uuids. */
  private readonly byUuid = new Map<string, Position>();
  private readonly days = new Map<CopyValue, number>();
  private lastDate: CopyValue = null;
  private lastDay = 0;
  /**
   * Rows the server must refuse, which the model cannot take: no position, no date or amount, an
   * amount not above zero (NOT NULL and CHECK constraints). The binary encoder has already refused any
   * other value the feed could not read.
   */
  private unfit = 0;

  private constructor(private readonly at: Record<(typeof MODEL_COLUMNS)[number], number>) {}

  /**
   * The feed for rows of these columns of position_flows, or null when the trigger must keep the model:
   * a column of the model left out that a default would fill, a BEFORE INSERT row trigger that could
   * change a row, or reversals (only the trigger takes entries out).
   */
  static async forColumns(client: pg.ClientBase, columns: readonly string[]): Promise<PositionSeriesFeed | null> {
    if (columns.includes('reverses_id')) return null;
    const left = MODEL_COLUMNS.filter((c) => !columns.includes(c));
    if (left.some((c) => c !== 'sub_fund_id' && c !== 'direct_investment_id')) return null;
    const r = await client.query(
      `SELECT (SELECT count(*)::int FROM pg_attribute WHERE attrelid = 'public.position_flows'::regclass AND attname = ANY($1) AND (atthasdef OR attgenerated <> '')) AS defaults,
              (SELECT count(*)::int FROM pg_trigger WHERE tgrelid = 'public.position_flows'::regclass AND NOT tgisinternal AND tgtype & 7 = 7) AS "beforeRow",
              has_table_privilege('public.position_series', 'SELECT, INSERT, UPDATE') AS writes`,
      [left],
    );
    if (r.rows[0].defaults > 0 || r.rows[0].beforeRow > 0 || r.rows[0].writes !== true) return null;
    const at = Object.fromEntries(MODEL_COLUMNS.map((c) => [c, columns.indexOf(c)])) as Record<(typeof MODEL_COLUMNS)[number], number>;
    return new PositionSeriesFeed(at);
  }

  /**
   * For a first load into position_flows (its indexes set aside, the table locked against every other
   * session) copied in binary format, whose encoder has checked every value the feed reads: the feed,
   * with the model's trigger disabled until `restore` runs, inside the caller's transaction. Null for
   * another table, a COPY in text format (the server reads forms of dates and amounts the feed does
   * not), when the trigger would not fire for this session anyway (disabled, or enabled for the other
   * replication role), when this role may not write the model itself (the trigger runs as its owner),
   * or when the feed cannot take these columns.
   */
  static async takeOver(
    client: pg.ClientBase,
    table: string,
    columns: readonly string[],
    opts: { replica: boolean; binary: boolean },
  ): Promise<{ feed: PositionSeriesFeed; restore: string } | null> {
    if (!opts.binary) return null;
    const r = await client.query(
      `SELECT t.tgenabled FROM pg_trigger t WHERE $1::regclass = 'public.position_flows'::regclass AND t.tgrelid = 'public.position_flows'::regclass AND t.tgname = 'position_flows_series'`,
      [table],
    );
    const mode = r.rows[0]?.tgenabled as string | undefined;
    const fires = mode === 'A' || (mode === 'R' && opts.replica) || (mode === 'O' && !opts.replica);
    if (!fires) return null;
    const feed = await PositionSeriesFeed.forColumns(client, columns);
    if (!feed) return null;
    await client.query(`ALTER TABLE public.position_flows DISABLE TRIGGER position_flows_series`);
    return { feed, restore: `ALTER TABLE public.position_flows ENABLE${mode === 'A' ? ' ALWAYS' : mode === 'R' ? ' REPLICA' : ''} TRIGGER position_flows_series` };
  }

  /** Reads one row (after the binary encoder has taken it). */
  add(row: readonly CopyValue[]): void {
    const at = this.at;
    const position = (at.sub_fund_id >= 0 ? row[at.sub_fund_id] : null) ?? (at.direct_investment_id >= 0 ? row[at.direct_investment_id] : null);
    const dateValue = row[at.flow_date];
    const amount = row[at.amount];
    // No position, date or amount: the server refuses the import (CHK_position_flows_position, NOT
    // NULL), and `write` refuses it too, should it ever not.
    if (position === null || position === undefined || dateValue === null || dateValue === undefined || amount === null || amount === undefined) {
      this.unfit++;
      return;
    }
    let p = this.positions.get(position);
    if (p === undefined) p = this.position(position, String(row[at.fof_id]));
    let day = this.lastDay;
    if (dateValue !== this.lastDate) {
      let d = this.days.get(dateValue);
      if (d === undefined) {
        const e = epochDay(dateValue);
        if (e === null) {
          this.unfit++;
          return;
        }
        this.days.set(dateValue, (d = e));
      }
      this.lastDate = dateValue;
      this.lastDay = day = d;
    }
    const fen = amountFen(amount);
    // Not above zero: CHK_position_flows_amount refuses the import (and `write`, as above).
    if (fen === null || fen <= 0) {
      this.unfit++;
      return;
    }
    const contribution = row[at.flow_type] === 'CONTRIBUTION';
    if (typeof fen === 'bigint' && fen > INT8_FEN) {
      // Beyond int8 fen: the signed amount as numeric text, as the trigger keeps it.
      p.bigDays.push(day);
      p.bigAmounts.push(`${contribution ? '-' : ''}${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`);
      return;
    }
    if (p.length + 12 > p.entries.length) {
      const grown = Buffer.allocUnsafe(Math.max(12 * FIRST_ENTRIES, p.entries.length * 2));
      p.entries.copy(grown, 0, 0, p.length);
      p.entries = grown;
    }
    const e = p.entries;
    const o = p.length;
    putInt32(e, o, day);
    if (typeof fen === 'bigint') e.writeBigInt64BE(contribution ? -fen : fen, o + 4);
    else {
      // Two's complement in two halves: the high one floored, the low one what is left (0 to 2^32 - 1).
      const signed = contribution ? -fen : fen;
      const hi = Math.floor(signed / 0x1_0000_0000);
      putInt32(e, o + 4, hi);
      putInt32(e, o + 8, signed - hi * 0x1_0000_0000);
    }
    p.length += 12;
  }

  /** The position of a uuid first seen spelled this way: the same Position as any other spelling of it. */
  private position(spelled: CopyValue, fof: string): Position {
    const id = String(spelled).replace(/[{}-]/g, '').toLowerCase();
    let p = this.byUuid.get(id);
    if (p === undefined) this.byUuid.set(id, (p = { fof, entries: Buffer.alloc(0), length: 0, bigDays: [], bigAmounts: [] }));
    this.positions.set(spelled, p);
    return p;
  }

  /**
   * Appends each position's entries to its model row (a new row for a new position), in position
   * order: two writers sharing positions lock their rows in the same order, as the trigger does.
   */
  async write(client: pg.ClientBase): Promise<void> {
    if (this.unfit > 0) {
      throw new Error(`bulk import: ${this.unfit} rows have no position, date or amount, or an amount not above zero, and the server took them: position_flows has lost a constraint`);
    }
    // PostgreSQL compares uuids byte by byte: their lowercase hex, in order.
    const ids = [...this.byUuid.keys()].sort();
    for (let i = 0; i < ids.length; i += ROWS_PER_STATEMENT) {
      const batch = ids.slice(i, i + ROWS_PER_STATEMENT);
      const params: unknown[] = [];
      const values = batch.map((id) => {
        const p = this.byUuid.get(id)!;
        const k = params.push(id, p.fof, p.entries.subarray(0, p.length), p.bigDays, p.bigAmounts);
        return `($${k - 4}::uuid, $${k - 3}::uuid, $${k - 2}::bytea, $${k - 1}::int[], $${k}::numeric(20,2)[])`;
      });
      await client.query(
        `INSERT INTO public.position_series AS s (position_id, fof_id, entries, big_days, big_amounts)
         VALUES ${values.join(', ')}
         ON CONFLICT (position_id) DO UPDATE
            SET entries = s.entries || EXCLUDED.entries, big_days = s.big_days || EXCLUDED.big_days, big_amounts = s.big_amounts || EXCLUDED.big_amounts`,
        params,
      );
    }
  }
}
