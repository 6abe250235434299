/**
 * npm run check:workbook: the review workbooks opened and recalculated by a real spreadsheet program
 * (LibreOffice Calc, headless), every formula cell compared with the figure we cached in it, which is
 * the JSON review's figure (issue 4: "its formulas give the same figures as the JSON").
 *
 * The workbooks: the hand-computed review of libs/reporting/testing/review-fixture.ts; the demo FoF in
 * Chinese and in English; a FoF of IRR edge cases (edge-fof.ts); and a seeded generated portfolio (60
 * sub-funds, 30,000 flows and valuations) in Chinese (CHECK_FUNDS, CHECK_PROJECTS and CHECK_FLOWS change
 * its size). LibreOffice is told to recalculate every formula on load (its own setting, in a profile of
 * the run's own) and to save the result as .xlsx; the check then reads the formula cells of both files
 * and compares them one by one (libs/reporting/testing/recalculated.ts). It fails when a cell
 * disagrees, or when LibreOffice handed back the cached values without computing (no cell differs by
 * a bit).
 *
 * Needs `soffice` on the PATH (Debian: apt-get install libreoffice-calc-nogui), or SOFFICE=/path.
 * DATABASE_URL: a server (a fresh database is created on it); otherwise an embedded PostgreSQL.
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../../libs/config/config.js';
import { migrate } from '../../libs/persistence/database.js';
import { CoreModule } from '../../libs/application/core.module.js';
import { DemoSeed } from '../../libs/application/demo/demo-seed.js';
import { ReviewService } from '../../libs/application/review/review.service.js';
import { exportReviewWorkbook } from '../../libs/application/review/review-export.js';
import { PolicyPackService } from '../../libs/application/policy/policy-pack.service.js';
import { FundRepository } from '../../libs/persistence/repositories/fund.repository.js';
import { writeReviewWorkbook } from '../../libs/reporting/review-workbook.js';
import * as fixture from '../../libs/reporting/testing/review-fixture.js';
import { compareRecalculated, readFormulaCells, type RecalculationReport } from '../../libs/reporting/testing/recalculated.js';
import { generatePortfolio } from '../bench/generate.js';
import { seedEdgeFof } from './edge-fof.js';
import { openScratchDatabase } from '../bench/scratch-database.js';

const log = (m: string) => process.stderr.write(`${m}\n`);
const SOFFICE = process.env.SOFFICE ?? 'soffice';
const env = (k: string, d: number) => (process.env[k] ? Number(process.env[k]) : d);
/** The generated portfolio: CHECK_FUNDS, CHECK_PROJECTS and CHECK_FLOWS make it larger (the bench's is 1000, 20000, 1000000). */
const GENERATED = { seed: 20251231, subFunds: env('CHECK_FUNDS', 60), projectInvestments: env('CHECK_PROJECTS', 600), flowsAndValuations: env('CHECK_FLOWS', 30_000) };

/** A LibreOffice profile that recalculates every formula of an .xlsx or .ods file when it loads it. */
function recalculatingProfile(dir: string): string {
  fs.mkdirSync(path.join(dir, 'user'), { recursive: true });
  const prop = (name: string) =>
    `<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="${name}" oor:op="fuse"><value>0</value></prop></item>`;
  fs.writeFileSync(
    path.join(dir, 'user', 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n${prop('OOXMLRecalcMode')}\n${prop('ODFRecalcMode')}\n</oor:items>\n`,
  );
  return `file://${dir}`;
}

/** Opens each file in LibreOffice, recalculates it and saves it under `outDir` with the same name. */
function recalculate(files: string[], outDir: string, profileDir: string): void {
  const r = spawnSync(
    SOFFICE,
    [`-env:UserInstallation=${recalculatingProfile(profileDir)}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outDir, ...files],
    { encoding: 'utf8', timeout: 600_000 },
  );
  if (r.error) throw new Error(`cannot run ${SOFFICE} (${r.error.message}); install LibreOffice Calc (Debian: apt-get install libreoffice-calc-nogui) or set SOFFICE`);
  if (r.status !== 0) throw new Error(`${SOFFICE} exited with ${r.status}: ${r.stderr}`);
  for (const f of files) {
    if (!fs.existsSync(path.join(outDir, path.basename(f)))) throw new Error(`${SOFFICE} wrote no ${path.basename(f)}: ${r.stdout}${r.stderr}`);
  }
}

async function writeFile(file: string, write: (out: NodeJS.WritableStream) => Promise<void>): Promise<void> {
  const out = fs.createWriteStream(file);
  const closed = new Promise<void>((resolve, reject) => out.on('close', resolve).on('error', reject));
  try {
    await write(out);
  } catch (e) {
    out.destroy();
    throw e;
  }
  await closed;
}

async function withClient<T>(url: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'govfof-workbook-check-'));
  const [mine, recalculated, profile] = ['written', 'recalculated', 'profile'].map((d) => path.join(work, d)) as [string, string, string];
  fs.mkdirSync(mine);
  fs.mkdirSync(recalculated);
  const files: Array<{ name: string; file: string }> = [];
  const add = (name: string, base: string) => {
    const file = path.join(mine, base);
    files.push({ name, file });
    return file;
  };

  await writeFile(add('hand-computed review (review-fixture.ts), zh', 'fixture.xlsx'), (out) =>
    writeReviewWorkbook(fixture.reviewModel(), fixture.cashFlows(), out, { lang: 'zh', positionFlowCounts: fixture.flowCounts(), pooledFlows: fixture.pooledFlows() }),
  );

  const db = await openScratchDatabase('govfof_workbook_check', log);
  try {
    await migrate(db.url);
    const gen = await withClient(db.url, (c) => generatePortfolio(c, GENERATED));
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, LOG_REQUESTS: '0' });
    const app = await NestFactory.createApplicationContext(CoreModule.forRoot(config, db.url), { logger: ['error'] });
    try {
      await app.get(PolicyPackService).loadShipped(config.policyPacksDir);
      const demo = await app.get(DemoSeed).run();
      const edge = await withClient(db.url, (c) => seedEdgeFof(app, c));
      const exports: Array<[string, string, string, 'zh' | 'en', string]> = [
        ['demo FoF WH-GIF-DEMO as of 2025-12-31, zh', demo.fofCode, '2025-12-31', 'zh', 'demo.xlsx'],
        ['demo FoF WH-GIF-DEMO as of 2025-12-31, en', demo.fofCode, '2025-12-31', 'en', 'demo-en.xlsx'],
        [`IRR edge cases ${edge} (test/spreadsheet/edge-fof.ts) as of 2025-12-31, zh`, edge, '2025-12-31', 'zh', 'edge.xlsx'],
        [`generated FoF ${gen.fofCode} (${JSON.stringify(gen.rows)}) as of 2025-12-31, zh`, gen.fofCode, '2025-12-31', 'zh', 'generated.xlsx'],
      ];
      for (const [name, code, asOf, lang, base] of exports) {
        const fof = (await app.get(FundRepository).findFofByCode(code))!;
        const reviews = app.get(ReviewService);
        // As the CLI and the HTTP export do: the review and its workbook on one snapshot.
        await reviews.inOneSnapshot(async () => {
          const built = await reviews.build(fof, { asOf }, 'workbook-check');
          await writeFile(add(name, base), (out) => exportReviewWorkbook(built, out, { lang }));
        });
      }
    } finally {
      await app.close();
    }
  } finally {
    await db.stop();
    await db.cleanup();
  }

  log(`recalculating ${files.length} workbooks in LibreOffice…`);
  const t = performance.now();
  recalculate(files.map((f) => f.file), recalculated, profile);
  log(`LibreOffice took ${((performance.now() - t) / 1000).toFixed(1)} s`);

  let failed = false;
  for (const { name, file } of files) {
    const r: RecalculationReport = compareRecalculated(readFormulaCells(fs.readFileSync(file)), readFormulaCells(fs.readFileSync(path.join(recalculated, path.basename(file)))));
    const c = r.compared;
    const total = c.xirr + c.yuan + c.ratio + c.text;
    const ok = r.disagreements.length === 0 && r.recomputed > 0;
    failed ||= !ok;
    process.stdout.write(
      `${ok ? 'PASS' : 'FAIL'}  ${name}\n` +
        `      ${total} formula cells: ${c.xirr} XIRR (largest difference ${r.maxDifference.xirr.toExponential(1)}), ${c.yuan} yuan (${r.maxDifference.yuan.toFixed(4)}), ` +
        `${c.ratio} other numbers (${r.maxDifference.ratio.toExponential(1)}), ${c.text} empty or text; ${r.recomputed} recomputed to other bits\n`,
    );
    if (r.recomputed === 0) process.stdout.write('      LibreOffice gave back the cached values unchanged: it did not recalculate\n');
    for (const d of r.disagreements.slice(0, 20)) {
      process.stdout.write(`      ${d.sheet}!${d.cell} ${d.formula}: ours ${JSON.stringify(d.cached)}, LibreOffice ${JSON.stringify(d.recalculated)}\n`);
    }
    if (r.disagreements.length > 20) process.stdout.write(`      … and ${r.disagreements.length - 20} more\n`);
  }
  if (failed) {
    process.stdout.write(`the workbooks are kept in ${work}\n`);
    process.exitCode = 1;
  } else {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
  process.exit(1);
});
