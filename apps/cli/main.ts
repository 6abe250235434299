import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '../../libs/config/config.js';
import { migrate, openDatabase } from '../../libs/persistence/database.js';
import { createDataSource, schemaDrift } from '../../libs/persistence/data-source.js';
import { CoreModule } from '../../libs/application/core.module.js';
import { DemoSeed } from '../../libs/application/demo/demo-seed.js';
import { DomainError } from '../../libs/domain/errors/domain-error.js';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  migrate            apply pending migrations
  migration-check    fail (exit 3) when the entities and the migrations have drifted apart
  seed-demo          load the demo FoF and demo users into an empty database (not in production)

The database is DATABASE_URL, or the embedded PostgreSQL in .data/pg when it is unset.`;

/** Exit codes by domain error code, so scripts can tell a bad input from a missing record. */
const EXIT: Record<string, number> = { VALIDATION: 4, NOT_FOUND: 5, CONFLICT: 6, FORBIDDEN: 7 };

async function run(argv: string[]): Promise<number> {
  const cmd = argv[0];
  if (!cmd || cmd === '--help' || cmd === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return cmd ? 0 : 1;
  }
  const config = loadConfig();
  const db = await openDatabase(config, (m) => process.stderr.write(`${m}\n`));
  try {
    switch (cmd) {
      case 'migrate': {
        const applied = await migrate(db.url);
        process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'no pending migrations\n');
        return 0;
      }
      case 'migration-check': {
        await migrate(db.url);
        const ds = createDataSource(db.url, { poolSize: 1 });
        await ds.initialize();
        const drift = await schemaDrift(ds);
        await ds.destroy();
        if (drift.length) {
          process.stderr.write(`entities and migrations differ; a migration is missing:\n${drift.join('\n')}\n`);
          return 3;
        }
        process.stdout.write('entities and migrations agree\n');
        return 0;
      }
      case 'seed-demo': {
        if (config.nodeEnv === 'production') throw new DomainError('FORBIDDEN', 'no demo data in production');
        await migrate(db.url);
        const app = await NestFactory.createApplicationContext(CoreModule.forRoot(config, db.url), { logger: ['error', 'warn'] });
        try {
          const seed = app.get(DemoSeed);
          if (!(await seed.isEmpty())) {
            process.stdout.write('the database already has users; the demo is loaded only into an empty database\n');
            return 0;
          }
          const r = await seed.run();
          process.stdout.write(`loaded the demo FoF ${r.fofCode} (${r.fofId})\n`);
          return 0;
        } finally {
          await app.close();
        }
      }
      default:
        process.stderr.write(`unknown command ${cmd}\n\n${USAGE}\n`);
        return 1;
    }
  } finally {
    await db.stop();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof ConfigError) {
      process.stderr.write(`configuration error: ${e.message}\n`);
      process.exit(2);
    }
    if (e instanceof DomainError) {
      process.stderr.write(`${e.code}: ${e.message}\n`);
      process.exit(EXIT[e.code] ?? 1);
    }
    process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(1);
  },
);
