import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { BinaryCopyWriter, type ColumnType, rowEncoder, type RowEncoder } from './copy-binary-in.js';
import { buildIndexes, ownsTable, rowsUpTo, setIndexesAside } from './index-rebuild.js';
import { checkReferences, foreignKeys, gatherReferences } from './bulk-references.js';
import { atLeastForTransaction } from './session-settings.js';
import { PositionSeriesFeed } from './position-series-feed.js';

/** A value of one COPY text-format field; null is SQL NULL. */
export type CopyValue = string | number | boolean | null;

function field(v: CopyValue): string {
  if (v === null || v === undefined) return '\\N'; // undefined from an untyped caller is NULL, as in the binary path
  const s = String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}

/** The columns' types (a column the table does not have: null, and the server says why). */
async function columnTypes(client: pg.ClientBase, table: string, columns: readonly string[]): Promise<Array<ColumnType | null>> {
  const r = await client.query<{ column: string; name: string; typmod: number }>(
    `SELECT a.attname AS column, t.typname AS name, a.atttypmod AS typmod FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
      WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
    [table],
  );
  const byName = new Map(r.rows.map((x) => [x.column, { name: x.name, typmod: x.typmod }]));
  return columns.map((c) => byName.get(c) ?? null);
}

/** How rows of these columns are copied: the statement, and the binary encoder (null: text format). */
interface CopyPlan {
  sql: string;
  encode: RowEncoder | null;
}

async function planCopy(client: pg.ClientBase, table: string, columns: readonly string[]): Promise<CopyPlan> {
  const id = (name: string) => client.escapeIdentifier(name);
  const types = await columnTypes(client, table, columns);
  const encode = types.every((t) => t !== null) ? rowEncoder(columns, types as ColumnType[]) : null;
  return { sql: `COPY ${id(table)} (${columns.map(id).join(', ')}) FROM STDIN${encode ? ' (FORMAT binary)' : ''}`, encode };
}

/** Something that reads the rows of an import as they go by (after the encoder has taken each). */
export interface RowSink {
  add(row: readonly CopyValue[]): void;
}

/** Text-format chunks of about 64 KiB. */
async function* textChunks(rows: Iterable<CopyValue[]> | AsyncIterable<CopyValue[]>, counted: { n: number }, sinks: readonly RowSink[]): AsyncGenerator<string> {
  let chunk = '';
  for await (const row of rows as AsyncIterable<CopyValue[]>) {
    for (const s of sinks) s.add(row);
    chunk += `${row.map(field).join('\t')}\n`;
    counted.n++;
    if (chunk.length >= 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** Binary-format chunks of about 64 KiB. */
async function* binaryChunks(rows: Iterable<CopyValue[]> | AsyncIterable<CopyValue[]>, encode: RowEncoder, counted: { n: number }, sinks: readonly RowSink[]): AsyncGenerator<Buffer> {
  const w = new BinaryCopyWriter();
  // Two sinks at most (the references, a read model's feed), each called directly: a closure calling
  // them in turn took about 0.15 s per million rows in a profile.
  if (sinks.length > 2) throw new RangeError('bulk COPY: at most two row sinks');
  const [a, b] = sinks;
  if (Symbol.iterator in rows) {
    // A plain loop for a plain iterable: `for await` would cost a promise per row.
    for (const row of rows) {
      encode(w, row, ++counted.n);
      a?.add(row);
      b?.add(row);
      if (w.full.length) yield* w.take();
    }
  } else {
    for await (const row of rows) {
      encode(w, row, ++counted.n);
      a?.add(row);
      b?.add(row);
      if (w.full.length) yield* w.take();
    }
  }
  yield* w.finish();
}

/**
 * The bulk path into PostgreSQL: COPY … FROM STDIN, streamed with backpressure, so a million rows load
 * without a per-row statement or a million-row buffer. In binary format when every column's type has
 * an encoder (uuid, text, varchar, date, numeric, bool, integers: see copy-binary-in.ts), else in text.
 * A value the binary encoder refuses aborts the COPY with the row and column named (CopyValueError).
 * `sinks` read the rows on the way (the distinct tuples of some columns, a read model's feed).
 * Returns the rows copied.
 */
export async function copyRows(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: Iterable<CopyValue[]> | AsyncIterable<CopyValue[]>,
  ...sinks: Array<RowSink | undefined>
): Promise<number> {
  return copyPlanned(client, await planCopy(client, table, columns), rows, sinks);
}

async function copyPlanned(
  client: pg.ClientBase,
  { sql, encode }: CopyPlan,
  rows: Iterable<CopyValue[]> | AsyncIterable<CopyValue[]>,
  sinks: ReadonlyArray<RowSink | undefined>,
): Promise<number> {
  const stream = client.query(copyFrom(sql));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  // The server may refuse a row while rows are still being written: the refusal is taken below.
  done.catch(() => undefined);
  const counted = { n: 0 };
  const present = sinks.filter((x): x is RowSink => x !== undefined);
  try {
    for await (const chunk of encode ? binaryChunks(rows, encode, counted, present) : textChunks(rows, counted, present)) {
      if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), done]);
    }
  } catch (e) {
    // The rows failed on our side (a generator threw, a value the encoder refused): abort the COPY so
    // the connection is usable again.
    // PostgreSQL takes a CopyFail message of at most 10,000 bytes and drops the connection for a longer
    // one: the server hears a short reason, the caller gets the whole error.
    stream.destroy(new Error(`bulk COPY aborted by the client: ${String((e as Error)?.message ?? e).slice(0, 200)}`));
    await done.catch(() => undefined);
    throw e;
  }
  stream.end();
  await done;
  return counted.n;
}

export interface ImportResult {
  rows: number;
  /** 'set-wise' when the foreign keys were checked once over the new rows, 'per-row' when PostgreSQL's own triggers did it. */
  references: 'set-wise' | 'per-row';
  /** 'rebuilt' when the table's indexes were set aside and built again by sort, 'kept' when they were kept up row by row. */
  indexes: 'rebuilt' | 'kept';
  /** Present when the import kept the flows read model from its own rows instead of its trigger (a first load of position_flows). */
  readModel?: 'kept-by-import';
}

export interface ImportOptions {
  /**
   * About how many rows the caller is about to import. When they are at least as many as the rows
   * already in the table and the role owns it, the table's indexes are set aside during the COPY and
   * built again by sort (index-rebuild.ts): about twice as fast for a first load, but the table is
   * locked against readers until the import commits. Without it, the indexes are kept up row by row
   * and readers go on.
   */
  expectedRows?: number;
  /**
   * How long a first load waits for the table's lock (readers hold it while they read) before it gives
   * up the rebuild and keeps the indexes up row by row instead; meanwhile later readers queue behind it.
   * Default 5,000 ms.
   */
  lockTimeoutMs?: number;
}

/**
 * Bulk import of new ledger entries in one transaction: all rows or none. PostgreSQL checks a foreign
 * key per row with a query of its own, about half of a million-row load. When the role may set
 * session_replication_role (a superuser, or GRANT SET ON PARAMETER from PostgreSQL 15), those
 * per-row checks are switched off for this transaction only and the same references are checked
 * set-wise after the COPY: every referenced row must exist (and is locked FOR KEY SHARE, as the per-row
 * check would), and a sub-fund or direct investment must belong to the row's own FoF. CHECK
 * constraints and unique indexes hold either way. Without the privilege the per-row checks run.
 * Reversals are not bulk entries: a correction goes through the ledger API. See ImportOptions for a
 * first load of many rows.
 */
export async function importRows(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: Iterable<CopyValue[]> | AsyncIterable<CopyValue[]>,
  options: ImportOptions = {},
): Promise<ImportResult> {
  if (columns.includes('reverses_id')) throw new RangeError('bulk import takes new entries only: a reversal goes through the ledger API');
  const expected = options.expectedRows ?? 0;
  // Counted before the transaction and its lock: a row written in between only makes the choice less apt, never wrong.
  const rebuild = expected > 0 && (await ownsTable(client, table)) && (await rowsUpTo(client, table, expected)) <= expected;
  await client.query('BEGIN');
  try {
    const aside = rebuild ? await setIndexesAside(client, table, columns, options.lockTimeoutMs ?? 5000) : null;
    // A statement trigger's transition table (the flows read model's) holds every new row until the
    // COPY ends, in at most work_mem: with the default 4 MB a million flows went to a temporary file and
    // back (113 MB each way); 256 MB holds them, and a larger import goes to the file as before. It is a
    // ceiling for each sort, hash (up to hash_mem_multiplier times it) and tuplestore of the transaction,
    // not an allocation (ADR-0007).
    await atLeastForTransaction(client, 'work_mem', 256);
    await client.query('SAVEPOINT bulk_import_role');
    let setWise = true;
    try {
      await client.query(`SET LOCAL session_replication_role = replica`);
    } catch {
      setWise = false;
      await client.query('ROLLBACK TO SAVEPOINT bulk_import_role');
    }
    await client.query('RELEASE SAVEPOINT bulk_import_role');
    // The references are gathered as the rows go by.
    const keys = await foreignKeys(client, table);
    const tuples = await gatherReferences(client, table, keys, columns);
    // A first load keeps the flows read model from its own rows instead of its statement trigger (the
    // table is locked against every other session until the commit).
    const plan = await planCopy(client, table, columns);
    const series = aside ? await PositionSeriesFeed.takeOver(client, table, columns, { replica: setWise, binary: plan.encode !== null }) : null;
    const n = await copyPlanned(client, plan, rows, [tuples ?? undefined, series?.feed]);
    if (setWise) await client.query(`SET LOCAL session_replication_role = origin`);
    // Existence is PostgreSQL's own per-row check in the slow mode; the FoF of a referenced sub-fund or
    // direct investment is a rule of ours, checked set-wise in both.
    await checkReferences(client, table, setWise, keys, tuples);
    if (series) {
      await series.feed.write(client);
      await client.query(series.restore);
    }
    if (aside) await buildIndexes(client, aside);
    await client.query('COMMIT');
    return { rows: n, references: setWise ? 'set-wise' : 'per-row', indexes: aside ? 'rebuilt' : 'kept', ...(series ? { readModel: 'kept-by-import' as const } : {}) };
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
}

export { BulkImportRejected } from './bulk-references.js';
