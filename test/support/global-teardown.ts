import fs from 'node:fs';
import pg from 'pg';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  const runId = process.env.TEST_PG_RUN_ID;
  const embedded = (globalThis as Record<string, unknown>).__GOVFOF_PG__ as { stop: () => Promise<void>; dir: string } | undefined;
  if (embedded) {
    await embedded.stop();
    fs.rmSync(embedded.dir, { recursive: true, force: true });
    return;
  }
  if (!adminUrl || !runId) return;
  // On a shared server, drop this run's databases (the cloned ones first, the template last).
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const r = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname LIKE '%\\_tpl' ASC`,
    [`govfof_test_${runId}_%`],
  );
  for (const { datname } of r.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await admin.end();
}
