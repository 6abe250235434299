import pg from 'pg';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities/index.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { SnakeNamingStrategy } from './naming.strategy.js';
import { parseTimestamptz } from './timestamptz.js';

// Business dates stay 'YYYY-MM-DD' text (never a JS Date at local midnight); numeric and bigint stay strings.
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);
// Instants: the same Dates as pg's parser gives, read faster (timestamptz.ts).
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, parseTimestamptz);

export function createDataSource(url: string, opts: { poolSize?: number; applicationName?: string } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    uuidExtension: 'pgcrypto',
    logging: false,
    // JIT compilation costs more than it saves on this service's short aggregate queries.
    // 16 connections: a review reads its ten small tables, the valuations and two halves of the flows
    // at once (13), and a second request should not have to queue behind it.
    extra: { max: opts.poolSize ?? 16, application_name: opts.applicationName ?? 'gov-fof', options: '-c jit=off' },
  });
}

/** Applies pending migrations; returns their names. */
export async function runMigrations(ds: DataSource): Promise<string[]> {
  const done = await ds.runMigrations({ transaction: 'each' });
  return done.map((m) => m.name);
}

/**
 * Drift check: the SQL TypeORM would need to bring the migrated schema in line with the entities.
 * Empty means entities and migrations agree.
 */
export async function schemaDrift(ds: DataSource): Promise<string[]> {
  const log = await ds.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}
