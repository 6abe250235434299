import pg from 'pg';
import { createDataSource, runMigrations, schemaDrift } from '../../libs/persistence/data-source.js';

let counter = 0;
const TEMPLATE_LOCK = 7_310_001;

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** Migrates the run's template once (under an advisory lock) and fails the run if entities and migrations drifted. */
async function ensureTemplateMigrated(admin: pg.Client, adminUrl: string, template: string): Promise<void> {
  const tpl = new pg.Client({ connectionString: withDatabase(adminUrl, template) });
  await tpl.connect();
  const done = await tpl.query(`SELECT to_regclass('public.schema_migrations') IS NOT NULL AS ok`);
  await tpl.end();
  if (done.rows[0].ok) return;
  const ds = createDataSource(withDatabase(adminUrl, template), { poolSize: 1 });
  await ds.initialize();
  try {
    await runMigrations(ds);
    const drift = await schemaDrift(ds);
    if (drift.length > 0) throw new Error(`entities and migrations have drifted apart:\n${drift.join('\n')}`);
  } finally {
    await ds.destroy();
  }
  void admin;
}

/** A fresh database for one suite, cloned from the migrated template of this run. */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  const template = process.env.TEST_PG_TEMPLATE;
  const runId = process.env.TEST_PG_RUN_ID;
  if (!adminUrl || !template || !runId) throw new Error('integration tests need the global setup (run them through npm test)');
  const name = `govfof_test_${runId}_${process.pid}_${++counter}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    await ensureTemplateMigrated(admin, adminUrl, template);
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]).catch(() => undefined);
    await admin.end();
  }
  return withDatabase(adminUrl, name);
}
