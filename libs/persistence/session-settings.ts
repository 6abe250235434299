import type pg from 'pg';

/**
 * Raises a memory setting (work_mem, maintenance_work_mem) to at least `mib` MiB for the rest of the
 * current transaction; a server configured higher keeps its own value.
 */
export async function atLeastForTransaction(client: pg.ClientBase, name: 'work_mem' | 'maintenance_work_mem', mib: number): Promise<void> {
  await client.query(`SELECT set_config($1, $2, true) WHERE (SELECT setting::bigint FROM pg_settings WHERE name = $1) < $3`, [name, `${mib}MB`, mib * 1024]);
}
