import type { AppConfig } from '../config/config.js';
import { createDataSource, runMigrations } from './data-source.js';
import { startEmbeddedPostgres, type RunningDatabase } from './embedded-postgres.js';

/** The database the app uses: DATABASE_URL, or an embedded PostgreSQL with its data in the project's .data folder. */
export async function openDatabase(config: AppConfig, log: (m: string) => void): Promise<RunningDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined };
  log(`starting the embedded PostgreSQL (data in ${config.embeddedPgDir}, port ${config.embeddedPgPort})`);
  return startEmbeddedPostgres({ dir: config.embeddedPgDir, port: config.embeddedPgPort, database: 'govfof', log });
}

/** Applies pending migrations and returns their names. */
export async function migrate(url: string): Promise<string[]> {
  const ds = createDataSource(url, { poolSize: 1, applicationName: 'gov-fof-migrate' });
  await ds.initialize();
  try {
    return await runMigrations(ds);
  } finally {
    await ds.destroy();
  }
}
