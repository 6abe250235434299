/**
 * "As known at" conditions. recorded_at / created_at keep microseconds, while the API reports instants
 * in milliseconds: compare at the API's precision, so the recordedAt a response gave back, used as
 * knownAt, includes that very row.
 */
export const knownAtSql = (column: string, param: string): string => `date_trunc('milliseconds', ${column}) <= ${param}`;

/**
 * A ledger row in force as known at an instant (a placeholder or literal, or null for now): not a
 * reversal, recorded by then, and not reversed by a reversal recorded by then. "r.reverses_id IS NOT
 * NULL" lets PostgreSQL read the reversals from their partial unique index instead of scanning the
 * whole table for them.
 */
export function activeRowSql(table: string, alias: string, knownAt: string | null): string {
  const known = knownAt ? `AND ${knownAtSql(`${alias}.recorded_at`, knownAt)}` : '';
  const knownR = knownAt ? `AND ${knownAtSql('r.recorded_at', knownAt)}` : '';
  return `${alias}.reverses_id IS NULL ${known} AND NOT EXISTS (SELECT 1 FROM ${table} r WHERE r.reverses_id = ${alias}.id AND r.reverses_id IS NOT NULL ${knownR})`;
}
