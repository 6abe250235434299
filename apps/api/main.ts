import { ConfigError, loadConfig } from '../../libs/config/config.js';
import { migrate, openDatabase } from '../../libs/persistence/database.js';
import { DemoSeed, DEMO_USERS } from '../../libs/application/demo/demo-seed.js';
import { createApp } from './bootstrap.js';
import { PolicyPackService } from '../../libs/application/policy/policy-pack.service.js';

/** Start-up messages, one line each (Nest's own logger is kept to warnings and errors). */
const log = { log: (m: string) => process.stdout.write(`${m}\n`), error: (m: string) => process.stderr.write(`${m}\n`) };

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config, (m) => log.log(m));
  let closing = false;
  const stopDb = async () => {
    await db.stop().catch((e: unknown) => log.error(`stopping PostgreSQL: ${String(e)}`));
  };
  try {
    const applied = await migrate(db.url);
    if (applied.length) log.log(`applied migrations: ${applied.join(', ')}`);
    const app = await createApp(config, db.url);
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      log.log(`${signal}: closing the server and the database`);
      await app.close();
      await stopDb();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    const packs = await app.get(PolicyPackService).loadShipped(config.policyPacksDir);
    if (packs.length) log.log(`loaded policy packs: ${packs.join(', ')}`);
    const seed = app.get(DemoSeed);
    if (config.nodeEnv !== 'production' && (await seed.isEmpty())) {
      const demo = await seed.run();
      log.log(`loaded the demo FoF ${demo.fofCode} (${demo.fofId})`);
    }
    await app.listen(config.port, '0.0.0.0');
    const url = `http://localhost:${config.port}`;
    const lines = [
      '',
      `  政府投资基金 FoF service is running at ${url}`,
      `  API docs (OpenAPI):  ${url}/docs    health: ${url}/health`,
    ];
    if (config.nodeEnv !== 'production') {
      lines.push('  Demo users (development only):');
      for (const u of DEMO_USERS) lines.push(`    ${u.role.padEnd(13)} ${u.username.padEnd(9)} password ${u.password}`);
      lines.push(
        `  Log in:  curl -s -X POST ${url}/auth/login -H 'content-type: application/json' -d '{"username":"manager","password":"demo-manager-2025"}'`,
        '  Then send the token:  -H "Authorization: Bearer <token>"',
        '',
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } catch (e) {
    await stopDb();
    throw e;
  }
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) {
    process.stderr.write(`configuration error: ${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`failed to start: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exit(1);
});
