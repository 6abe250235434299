import type pg from 'pg';
import type { CopyValue } from './bulk-copy.js';

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

export interface ForeignKey {
  name: string;
  column: string;
  refTable: string;
  refColumn: string;
  refHasFof: boolean;
}

/**
 * The distinct tuples of some columns over the rows of an import, gathered as the rows are copied: the
 * references the import must check, without reading the new rows back (for a million flows the server
 * spent 0.8–1.9 s finding their thousand distinct tuples again). The tuples are kept as a tree of maps,
 * one level per column, so no key is built per row; the path of the previous row is kept, so a row
 * costs one comparison per column and one lookup per column from the first that differs.
 */
export class DistinctTuples {
  private readonly root = new Map<CopyValue, unknown>();
  private readonly last: CopyValue[];
  /** The maps along the previous row's path: path[k] holds the values of column k. */
  private readonly path: Array<Map<CopyValue, unknown>>;
  private started = false;

  /** `names`: the columns gathered; `at`: where they are in a row. */
  constructor(
    readonly names: readonly string[],
    readonly at: readonly number[],
  ) {
    this.last = at.map(() => null);
    this.path = at.map(() => this.root);
  }

  add(row: readonly CopyValue[]): void {
    const at = this.at;
    const last = this.last;
    const path = this.path;
    let k = 0;
    if (this.started) {
      while (k < at.length && row[at[k]!] === last[k]) k++;
      if (k === at.length) return;
    }
    this.started = true;
    let m = path[k]!;
    for (; k < at.length; k++) {
      const v = row[at[k]!] ?? null;
      last[k] = v;
      path[k] = m;
      let next = m.get(v) as Map<CopyValue, unknown> | undefined;
      if (next === undefined) m.set(v, (next = new Map()));
      m = next;
    }
  }

  /** The tuples as one array per column, as text (null stays null). */
  columns(): Array<Array<string | null>> {
    const out: Array<Array<string | null>> = this.at.map(() => []);
    const walk = (m: Map<CopyValue, unknown>, depth: number, prefix: Array<string | null>) => {
      for (const [v, next] of m) {
        const p = [...prefix, v === null ? null : String(v)];
        if (depth + 1 === this.at.length) p.forEach((x, i) => out[i]!.push(x));
        else walk(next as Map<CopyValue, unknown>, depth + 1, p);
      }
    };
    if (this.started) walk(this.root, 0, []);
    return out;
  }
}

/** The columns whose distinct tuples the check needs: every foreign key column, and fof_id when there is one. */
function referenceColumns(keys: readonly ForeignKey[]): string[] {
  const hasFof = keys.some((k) => k.column === 'fof_id');
  return [...new Set([...keys.map((k) => k.column), ...(hasFof ? ['fof_id'] : [])])];
}

/**
 * A gatherer of the reference tuples of rows with these columns, or null when the check must read the
 * new rows instead: when a default would fill in a reference column the rows leave out (left out with
 * no default, it is NULL in every row), or when a BEFORE INSERT row trigger could change a row.
 */
export async function gatherReferences(client: pg.ClientBase, table: string, keys: readonly ForeignKey[], columns: readonly string[]): Promise<DistinctTuples | null> {
  const wanted = referenceColumns(keys);
  const left = wanted.filter((c) => !columns.includes(c));
  // A BEFORE INSERT row trigger (enabled or not: the session's replication role decides) may change a
  // reference on its way in; the ledger has none (a schema test keeps it so), another table may.
  const r = await client.query(
    `SELECT (SELECT count(*)::int FROM pg_attribute WHERE attrelid = $1::regclass AND attname = ANY($2) AND (atthasdef OR attgenerated <> '')) AS defaults,
            (SELECT count(*)::int FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal AND tgtype & 7 = 7) AS "beforeRow"`,
    [table, left],
  );
  if (r.rows[0].defaults > 0 || r.rows[0].beforeRow > 0) return null;
  // The columns that change least between rows first (a ledger's import is of one FoF, by few authors):
  // a row then walks the tree from the first column that differs from the previous row's.
  const rank = (c: string) => (c === 'fof_id' ? 0 : c === 'recorded_by' ? 1 : 2);
  const names = wanted.filter((c) => columns.includes(c)).sort((a, b) => rank(a) - rank(b));
  return new DistinctTuples(names, names.map((c) => columns.indexOf(c)));
}

export async function foreignKeys(client: pg.ClientBase, table: string): Promise<ForeignKey[]> {
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
 * there; a referenced sub-fund or direct investment must belong to the row's own FoF. The distinct
 * reference tuples come from `tuples` when the import gathered them, else from the new rows themselves.
 */
export async function checkReferences(client: pg.ClientBase, table: string, existence: boolean, keys: readonly ForeignKey[], tuples: DistinctTuples | null): Promise<void> {
  if (keys.length === 0) return;
  const hasFof = keys.some((k) => k.column === 'fof_id');
  const cols = referenceColumns(keys);
  const q = (name: string) => client.escapeIdentifier(name);
  // The distinct reference tuples of the new rows (a few thousand at most), in a table of the columns' own types.
  await client.query(
    `CREATE TEMP TABLE bulk_import_refs ON COMMIT DROP AS
       SELECT DISTINCT ${cols.map(q).join(', ')} FROM ${q(table)} WHERE ${tuples ? 'false' : 'xmin = pg_current_xact_id()::xid'}`,
  );
  // With no reference column among the rows', every reference is NULL: nothing to check.
  if (tuples && tuples.names.length > 0) {
    const types = await client.query<{ name: string; type: string }>(
      `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = 'bulk_import_refs'::regclass AND attnum > 0`,
    );
    const typeOf = new Map(types.rows.map((t) => [t.name, t.type]));
    // A reference column the import left out is NULL in every row (see gatherReferences).
    const names = tuples.names;
    await client.query(
      `INSERT INTO bulk_import_refs (${names.map(q).join(', ')})
       SELECT ${names.map((c, i) => `x.c${i}::${typeOf.get(c)!}`).join(', ')} FROM unnest(${names.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS x(${names.map((_, i) => `c${i}`).join(', ')})`,
      tuples.columns(),
    );
  }
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
