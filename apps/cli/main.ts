import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '../../libs/config/config.js';
import { migrate, openDatabase } from '../../libs/persistence/database.js';
import { createDataSource, schemaDrift } from '../../libs/persistence/data-source.js';
import { CoreModule } from '../../libs/application/core.module.js';
import { DemoSeed } from '../../libs/application/demo/demo-seed.js';
import { DomainError } from '../../libs/domain/errors/domain-error.js';
import { isBusinessDate } from '../../libs/domain/money/business-date.js';
import { ReviewService } from '../../libs/application/review/review.service.js';
import { exportReviewWorkbook } from '../../libs/application/review/review-export.js';
import { PolicyPackService } from '../../libs/application/policy/policy-pack.service.js';
import { FundRepository } from '../../libs/persistence/repositories/fund.repository.js';
import { progressBar } from './progress.js';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';

/** --name value pairs; a flag without a value is "true". */
function flags(argv: string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new DomainError('VALIDATION', `unexpected argument ${a}`);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) m.set(a.slice(2), 'true');
    else {
      m.set(a.slice(2), next);
      i++;
    }
  }
  return m;
}

const USAGE = `Usage: npm run cli -- <command>

Commands:
  migrate            apply pending migrations
  migration-check    fail (exit 3) when the entities and the migrations have drifted apart
  seed-demo          load the demo FoF and demo users into an empty database (not in production)
  review --fof CODE --as-of YYYY-MM-DD [--known-at INSTANT] [--lang zh|en] --out FILE.xlsx [--stats]
                     write the lifecycle review workbook of a FoF (with a progress bar)

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
          await app.get(PolicyPackService).loadShipped(config.policyPacksDir);
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
      case 'review': {
        const f = flags(argv.slice(1));
        const code = f.get('fof');
        const asOf = f.get('as-of');
        const out = f.get('out');
        const lang = f.get('lang') ?? 'zh';
        const knownAtRaw = f.get('known-at');
        const bad: Array<{ path: string; reason: string }> = [];
        if (!code) bad.push({ path: '--fof', reason: 'the FoF code is required' });
        if (!isBusinessDate(asOf)) bad.push({ path: '--as-of', reason: 'a calendar date YYYY-MM-DD is required' });
        if (!out) bad.push({ path: '--out', reason: 'the output .xlsx file is required' });
        else if (!fs.existsSync(path.dirname(path.resolve(out)))) bad.push({ path: '--out', reason: `the folder ${path.dirname(path.resolve(out))} does not exist` });
        if (lang !== 'zh' && lang !== 'en') bad.push({ path: '--lang', reason: 'zh or en' });
        const knownAt = knownAtRaw ? new Date(knownAtRaw) : undefined;
        if (knownAt && Number.isNaN(knownAt.getTime())) bad.push({ path: '--known-at', reason: 'an ISO 8601 instant, e.g. 2026-03-31T16:00:00Z' });
        if (bad.length) throw new DomainError('VALIDATION', bad.map((b) => `${b.path}: ${b.reason}`).join('; '), bad);
        const started = performance.now();
        const app = await NestFactory.createApplicationContext(CoreModule.forRoot(config, db.url), { logger: ['error', 'warn'] });
        try {
          await migrate(db.url);
          await app.get(PolicyPackService).loadShipped(config.policyPacksDir);
          const fof = await app.get(FundRepository).findFofByCode(code!);
          if (!fof) throw new DomainError('NOT_FOUND', `no FoF with code ${code}`);
          process.stderr.write(`reviewing ${fof.code} ${fof.name} as of ${asOf}${knownAt ? ` as known at ${knownAt.toISOString()}` : ''}…\n`);
          const reviews = app.get(ReviewService);
          const tmp = `${out}.part`;
          let rows = 0;
          // The figures and the cash-flow sheet streamed after them read one snapshot.
          const built = await reviews.inOneSnapshot(async () => {
            const b = await reviews.build(fof, { asOf: asOf!, knownAt }, 'cli');
            const file = fs.createWriteStream(tmp);
            const pass = new PassThrough();
            const written = pipeline(pass, file);
            const bar = progressBar('cash flows');
            try {
              await exportReviewWorkbook(b, pass, {
                lang: lang as 'zh' | 'en',
                onProgress: (n, total) => {
                  rows = n;
                  bar(n, total);
                },
              });
              await written;
            } catch (e) {
              // No half-written file is left behind, under either name.
              pass.destroy();
              await written.catch(() => undefined);
              fs.rmSync(tmp, { force: true });
              throw e;
            }
            return b;
          });
          fs.renameSync(tmp, out!);
          const seconds = (performance.now() - started) / 1000;
          process.stderr.write(`wrote ${out} (${built.model.positions.length} positions, ${built.model.checks.length} checks, ${rows.toLocaleString('en')} cash-flow rows) in ${seconds.toFixed(1)} s\n`);
          if (f.get('stats') === 'true') {
            const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
            process.stdout.write(`${JSON.stringify({ seconds: Number(seconds.toFixed(2)), peakRssMiB, rows })}\n`);
          }
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

/**
 * The review export runs with a bounded heap (REVIEW_HEAP_MIB, default 160): with Node's default limit
 * V8 keeps the pages the review's build phase used and the export's RSS sits near 400 MiB; bounded, it
 * collects sooner and stays under 256 MiB at a million cash-flow rows. The heap holds the review model
 * (it grows with positions and checks, not with rows): raise the limit for a very large FoF. The young
 * generation is kept to 8 MiB semi-spaces (V8's default here is 16): measured on the bench portfolio,
 * peak RSS 217–239 MiB instead of 234–254, for two or three seconds more.
 */
function respawnWithBoundedHeap(argv: string[]): Promise<number> | null {
  if (argv[0] !== 'review' || process.execArgv.some((a) => a.startsWith('--max-old-space-size'))) return null;
  const mib = process.env.REVIEW_HEAP_MIB ?? '160';
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${mib}`, '--max-semi-space-size=8', ...process.execArgv, process.argv[1]!, ...argv], { stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

(respawnWithBoundedHeap(process.argv.slice(2)) ?? run(process.argv.slice(2))).then(
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
