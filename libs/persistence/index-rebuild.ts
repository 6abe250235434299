import type pg from 'pg';
import { atLeastForTransaction } from './session-settings.js';

/**
 * A table's indexes set aside for a bulk load and built again afterwards by sort, inside the load's
 * transaction (ADR-0007). PostgreSQL keeps an index up row by row during a COPY: for a million flows,
 * 5 s of a 7 s load went to the four indexes, against about 2 s to build them by sort afterwards. It
 * pays only when the rows loaded are many against the rows already there, since a build sorts them all.
 *
 * The table is locked ACCESS EXCLUSIVE from the drop to the commit: readers and writers of the table
 * wait, as they would for any DDL. The drop, the load and the builds commit together or not at all: a
 * refused load leaves the indexes exactly as they were. Only the table's owner (or a superuser) may
 * drop its indexes; for anyone else, and for an index that a foreign key of another table depends on,
 * the index is kept up row by row as before.
 */
export interface SetAside {
  /** The statements that build the indexes again, in order. */
  rebuild: string[];
}

interface IndexRow {
  index: string;
  /** The index's name as a reference (schema-qualified when off the search path, quoted where needed). */
  indexRef: string;
  def: string;
  constraint: string | null;
  kind: string | null;
  deferrable: boolean;
  /** The column of a partial index's only predicate, `column IS NOT NULL`. */
  notNullOf: string | null;
}

/** How many rows the table holds, counted up to `limit` + 1. */
export async function rowsUpTo(client: pg.ClientBase, table: string, limit: number): Promise<number> {
  const r = await client.query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${client.escapeIdentifier(table)} LIMIT $1) x`, [limit + 1]);
  return r.rows[0].n as number;
}

/** Whether the current role may drop the table's indexes (it owns the table, or is a superuser). */
export async function ownsTable(client: pg.ClientBase, table: string): Promise<boolean> {
  const r = await client.query(`SELECT pg_has_role(current_user, c.relowner, 'USAGE') AS owns FROM pg_class c WHERE c.oid = $1::regclass`, [table]);
  return r.rows[0]?.owns === true;
}

/**
 * Locks the table, drops the indexes that can be set aside and returns how to build them again, or null
 * when the table could not be locked within `lockTimeoutMs` (readers hold it: the caller then keeps the
 * indexes up row by row rather than queue every later reader behind its lock). Runs inside the
 * caller's transaction.
 *
 * Only plain indexes are set aside, so that building them again gives back exactly what was there:
 * an index that is invalid, clustered, the replica identity, in a tablespace of its own, commented,
 * attached to a partitioned index, or that anything depends on (a foreign key of another table, a
 * view grouping by the primary key) is kept, and so are exclusion and deferrable constraints, whose
 * definitions do not round-trip through USING INDEX. `columns` are the columns the rows coming will
 * fill: a partial index on `c IS NOT NULL` where c is left out (and has no default) takes none of
 * them, so it costs nothing kept, where building it again would read the whole table once more.
 */
export async function setIndexesAside(client: pg.ClientBase, table: string, columns: readonly string[], lockTimeoutMs: number): Promise<SetAside | null> {
  const t = client.escapeIdentifier(table);
  const q = (name: string) => client.escapeIdentifier(name);
  const before = (await client.query(`SELECT current_setting('lock_timeout') AS v`)).rows[0].v as string;
  await client.query('SAVEPOINT bulk_import_lock');
  try {
    await client.query(`SELECT set_config('lock_timeout', $1, true)`, [`${Math.max(1, Math.round(lockTimeoutMs))}ms`]);
    await client.query(`LOCK TABLE ${t} IN ACCESS EXCLUSIVE MODE`);
  } catch (e) {
    if ((e as { code?: string }).code !== '55P03') throw e;
    await client.query('ROLLBACK TO SAVEPOINT bulk_import_lock');
    await client.query('RELEASE SAVEPOINT bulk_import_lock');
    return null;
  }
  await client.query('RELEASE SAVEPOINT bulk_import_lock');
  await client.query(`SELECT set_config('lock_timeout', $1, true)`, [before]);
  const r = await client.query<IndexRow>(
    `SELECT i.relname AS index, x.indexrelid::regclass::text AS "indexRef", pg_get_indexdef(x.indexrelid) AS def,
            con.conname AS constraint, con.contype AS kind, coalesce(con.condeferrable, false) AS deferrable,
            (SELECT a.attname FROM pg_attribute a
              WHERE a.attrelid = x.indrelid AND NOT a.atthasdef
                AND pg_get_expr(x.indpred, x.indrelid) = '(' || quote_ident(a.attname) || ' IS NOT NULL)') AS "notNullOf"
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       LEFT JOIN pg_constraint con ON con.conindid = x.indexrelid AND con.conrelid = x.indrelid AND con.contype IN ('p', 'u', 'x')
      WHERE x.indrelid = $1::regclass
        AND x.indisvalid AND x.indisready AND x.indislive AND NOT x.indisclustered AND NOT x.indisreplident
        AND i.reltablespace = 0 AND NOT i.relispartition
        AND obj_description(x.indexrelid, 'pg_class') IS NULL
        AND (con.oid IS NULL OR obj_description(con.oid, 'pg_constraint') IS NULL)
        AND NOT EXISTS (SELECT 1 FROM pg_depend d
                         WHERE d.deptype = 'n'
                           AND ((d.refclassid = 'pg_class'::regclass AND d.refobjid = x.indexrelid)
                             OR (d.refclassid = 'pg_constraint'::regclass AND d.refobjid = con.oid)))
      ORDER BY i.relname`,
    [table],
  );
  const rebuild: string[] = [];
  for (const ix of r.rows) {
    if (ix.kind === 'x' || ix.deferrable) continue;
    if (ix.notNullOf !== null && !columns.includes(ix.notNullOf)) continue;
    if (ix.constraint) {
      await client.query(`ALTER TABLE ${t} DROP CONSTRAINT ${q(ix.constraint)}`);
      rebuild.push(ix.def, `ALTER TABLE ${t} ADD CONSTRAINT ${q(ix.constraint)} ${ix.kind === 'p' ? 'PRIMARY KEY' : 'UNIQUE'} USING INDEX ${q(ix.index)}`);
    } else {
      await client.query(`DROP INDEX ${ix.indexRef}`);
      rebuild.push(ix.def);
    }
  }
  return { rebuild };
}

/** Builds the indexes again, with at least 256 MB to sort in (the server's setting when it is larger). */
export async function buildIndexes(client: pg.ClientBase, aside: SetAside): Promise<void> {
  if (aside.rebuild.length === 0) return;
  await atLeastForTransaction(client, 'maintenance_work_mem', 256);
  for (const sql of aside.rebuild) await client.query(sql);
}
