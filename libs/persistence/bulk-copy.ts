import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { BinaryCopyWriter, rowEncoder, type RowEncoder } from './copy-binary-in.js';

/** A value of one COPY text-format field; null is SQL NULL. */
export type CopyValue = string | number | boolean | null;

function field(v: CopyValue): string {
  if (v === null) return '\\N';
  const s = String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}

/** The columns' types as pg_type names them (a column it does not know: null, and the server says why). */
async function columnTypes(client: pg.ClientBase, table: string, columns: readonly string[]): Promise<Array<string | null>> {
  const r = await client.query<{ name: string; type: string }>(
    `SELECT a.attname AS name, t.typname AS type FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
      WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
    [table],
  );
  const byName = new Map(r.rows.map((x) => [x.name, x.type]));
  return columns.map((c) => byName.get(c) ?? null);
}

/** Text-format chunks of about 64 KiB. */
async function* textChunks(rows: Iterable<CopyValue[]> | AsyncIterable<CopyValue[]>, counted: { n: number }): AsyncGenerator<string> {
  let chunk = '';
  for await (const row of rows as AsyncIterable<CopyValue[]>) {
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
async function* binaryChunks(rows: Iterable<CopyValue[]> | AsyncIterable<CopyValue[]>, encode: RowEncoder, counted: { n: number }): AsyncGenerator<Buffer> {
  const w = new BinaryCopyWriter();
  if (Symbol.iterator in rows) {
    // A plain loop for a plain iterable: `for await` would cost a promise per row.
    for (const row of rows) {
      encode(w, row, ++counted.n);
      if (w.full.length) yield* w.take();
    }
  } else {
    for await (const row of rows) {
      encode(w, row, ++counted.n);
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
 * Returns the rows copied.
 */
export async function copyRows(client: pg.ClientBase, table: string, columns: readonly string[], rows: Iterable<CopyValue[]> | AsyncIterable<CopyValue[]>): Promise<number> {
  const id = (name: string) => client.escapeIdentifier(name);
  const types = await columnTypes(client, table, columns);
  const encode = types.every((t) => t !== null) ? rowEncoder(columns, types as string[]) : null;
  const stream = client.query(copyFrom(`COPY ${id(table)} (${columns.map(id).join(', ')}) FROM STDIN${encode ? ' (FORMAT binary)' : ''}`));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  // The server may refuse a row while rows are still being written: the refusal is taken below.
  done.catch(() => undefined);
  const counted = { n: 0 };
  try {
    for await (const chunk of encode ? binaryChunks(rows, encode, counted) : textChunks(rows, counted)) {
      if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), done]);
    }
  } catch (e) {
    // The rows failed on our side (a generator threw, a value the encoder refused): abort the COPY so
    // the connection is usable again.
    stream.destroy(e as Error);
    await done.catch(() => undefined);
    throw e;
  }
  stream.end();
  await done;
  return counted.n;
}

/** A bulk import refused: the rows broke a reference; nothing was written. */
export class BulkImportRejected extends Error {
  constructor(
    message: string,
    readonly details: { table: string; column: string; references: string; missing: string[] },
  ) {
    super(message);
    this.name = 'BulkImportRejected';
  }
}

export interface ImportResult {
  rows: number;
  /** 'set-wise' when the foreign keys were checked once over the new rows, 'per-row' when PostgreSQL's own triggers did it. */
  references: 'set-wise' | 'per-row';
}

interface ForeignKey {
  name: string;
  column: string;
  refTable: string;
  refColumn: string;
  refHasFof: boolean;
}

/**
 * Bulk import of new ledger entries in one transaction: all rows or none. PostgreSQL checks a foreign
 * key per row with a query of its own, about half of a million-row load. When the role may set
 * session_replication_role (a superuser, or GRANT SET ON PARAMETER from PostgreSQL 15), those
 * per-row checks are switched off for this transaction only and the same references are checked
 * set-wise after the COPY: every referenced row must exist (and is locked FOR KEY SHARE, as the per-row
 * check would), and a sub-fund or direct investment must belong to the row's own FoF. CHECK
 * constraints and unique indexes hold either way. Without the privilege the per-row checks run.
 * Reversals are not bulk entries: a correction goes through the ledger API.
 */
export async function importRows(client: pg.ClientBase, table: string, columns: readonly string[], rows: Iterable<CopyValue[]> | AsyncIterable<CopyValue[]>): Promise<ImportResult> {
  if (columns.includes('reverses_id')) throw new RangeError('bulk import takes new entries only: a reversal goes through the ledger API');
  await client.query('BEGIN');
  try {
    await client.query('SAVEPOINT bulk_import_role');
    let setWise = true;
    try {
      await client.query(`SET LOCAL session_replication_role = replica`);
    } catch {
      setWise = false;
      await client.query('ROLLBACK TO SAVEPOINT bulk_import_role');
    }
    await client.query('RELEASE SAVEPOINT bulk_import_role');
    const n = await copyRows(client, table, columns, rows);
    if (setWise) await client.query(`SET LOCAL session_replication_role = origin`);
    // Existence is PostgreSQL's own per-row check in the slow mode; the FoF of a referenced sub-fund or
    // direct investment is a rule of ours, checked set-wise in both.
    await checkReferences(client, table, setWise);
    await client.query('COMMIT');
    return { rows: n, references: setWise ? 'set-wise' : 'per-row' };
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
}

async function foreignKeys(client: pg.ClientBase, table: string): Promise<ForeignKey[]> {
  const r = await client.query(
    `SELECT c.conname AS name, a.attname AS column, rt.relname AS "refTable", ra.attname AS "refColumn",
            EXISTS (SELECT 1 FROM pg_attribute f WHERE f.attrelid = c.confrelid AND f.attname = 'fof_id' AND NOT f.attisdropped) AS "refHasFof",
            array_length(c.conkey, 1) AS width
       FROM pg_constraint c
       JOIN pg_class rt ON rt.oid = c.confrelid
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
      WHERE c.conrelid = $1::regclass AND c.contype = 'f'
      ORDER BY c.conname`,
    [table],
  );
  return (r.rows as Array<ForeignKey & { width: number }>).map((k) => {
    if (k.width !== 1) throw new Error(`bulk import: ${table}.${k.name} has ${k.width} columns; only single-column keys are checked set-wise`);
    return k;
  });
}

/**
 * The set-wise reference check over the rows this transaction wrote to `table`: with `existence`,
 * every referenced row is locked FOR KEY SHARE (as PostgreSQL's per-row check would) and must be
 * there; a referenced sub-fund or direct investment must belong to the row's own FoF.
 */
async function checkReferences(client: pg.ClientBase, table: string, existence: boolean): Promise<void> {
  const keys = await foreignKeys(client, table);
  if (keys.length === 0) return;
  const hasFof = keys.some((k) => k.column === 'fof_id');
  const cols = [...new Set([...keys.map((k) => k.column), ...(hasFof ? ['fof_id'] : [])])];
  const q = (name: string) => client.escapeIdentifier(name);
  // One pass over the new rows: their distinct reference tuples (a few thousand at most).
  await client.query(
    `CREATE TEMP TABLE bulk_import_refs ON COMMIT DROP AS
       SELECT DISTINCT ${cols.map(q).join(', ')} FROM ${q(table)} WHERE xmin = pg_current_xact_id()::xid`,
  );
  const reject = (k: ForeignKey, what: string, ids: string[]) =>
    new BulkImportRejected(`bulk import into ${table}: ${k.column} refers to ${what} (${ids.join(', ')}); nothing was imported`, { table, column: k.column, references: k.refTable, missing: ids });
  for (const k of keys) {
    const col = q(k.column);
    if (existence) {
      // Lock first, then compare: a row deleted between a check and a lock would slip through.
      const wanted = `SELECT DISTINCT b.${col} AS v FROM bulk_import_refs b WHERE b.${col} IS NOT NULL`;
      const locked = await client.query(`SELECT r.${q(k.refColumn)}::text AS v FROM ${q(k.refTable)} r WHERE r.${q(k.refColumn)} IN (${wanted}) FOR KEY SHARE OF r`);
      const have = new Set(locked.rows.map((m: { v: string }) => m.v));
      const all = (await client.query(`SELECT v::text AS v FROM (${wanted}) w`)).rows.map((m: { v: string }) => m.v);
      const missing = all.filter((v) => !have.has(v)).slice(0, 5);
      if (missing.length) throw reject(k, `no ${k.refTable} row`, missing);
    }
    if (hasFof && k.column !== 'fof_id' && k.refHasFof) {
      const foreign = await client.query(
        `SELECT DISTINCT b.${col}::text AS v FROM bulk_import_refs b JOIN ${q(k.refTable)} r ON r.${q(k.refColumn)} = b.${col}
          WHERE r.fof_id <> b.fof_id LIMIT 5`,
      );
      if (foreign.rowCount) throw reject(k, `${k.refTable} of another FoF`, foreign.rows.map((m: { v: string }) => m.v));
    }
  }
}
