import { createWriteStream, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FigureSet } from '../domain/figures/position-figures.js';
import type { CashFlowRow, PositionRow, ReviewModel } from '../domain/review/review-model.js';
import { pooledGroupKey, writeReviewWorkbook } from './review-workbook.js';

/**
 * Memory and time of the workbook export at scale (issue 4, benchmark: ≤ 30 s and ≤ 256 MiB peak
 * RSS for 1,000,000 cash-flow rows, not growing with the row count). Not a unit test: the lead's
 * benchmark calls measureWorkbookMemory(), or run it directly:
 *   node dist/libs/reporting/measure-workbook-memory.js 1000000 [positions]
 * The cash flows are generated lazily, one row at a time, so what is measured is the writer.
 */
export interface WorkbookMemoryResult {
  rows: number;
  positions: number;
  seconds: number;
  /** Highest RSS sampled (every 20 ms) while the workbook was written, MiB. */
  peakRssMiB: number;
  /** RSS just before the export started, MiB. */
  startRssMiB: number;
  /** The process's maximum RSS since it started (getrusage), MiB: includes anything run before. */
  processMaxRssMiB: number;
  fileBytes: number;
  file: string;
}

export interface WorkbookMemoryOptions {
  /** Cash-flow rows to stream (each position's block ends with a NAV row). */
  rows: number;
  /** Positions the rows are spread over; default rows / 50 (the benchmark's ~50 flows a position). */
  positions?: number;
  lang?: 'zh' | 'en';
  /** Where to write; a temporary file by default, deleted afterwards unless keepFile. */
  file?: string;
  keepFile?: boolean;
}

const MiB = 1024 * 1024;

const FIGURES: FigureSet = {
  commitment: '10000000.00',
  paidIn: '8000000.00',
  distributed: '2000000.00',
  nav: '7000000.00',
  unfunded: '2000000.00',
  dpi: '0.250000',
  rvpi: '0.875000',
  tvpi: '1.125000',
  irr: '0.031250',
  irrReason: 'OK',
  irrMultipleRoots: false,
  irrSpreadsheet: 'DEFAULT',
  loss: '0.00',
  lossRatio: '0.000000',
  valueAdded: '1000000.00',
};

const CATEGORIES = ['SEED', 'ANGEL', 'VC', 'INDUSTRY', 'MA'];

function syntheticModel(positions: number): ReviewModel {
  const rows: PositionRow[] = [];
  for (let i = 0; i < positions; i++) {
    const code = `P${String(i + 1).padStart(6, '0')}`;
    rows.push({ kind: 'SUB_FUND', id: code, code, name: `合成子基金 ${i + 1}`, category: CATEGORIES[i % CATEGORIES.length]!, status: 'INVESTING', vintage: 2013 + (i % 12), fofShare: '0.300000', figures: FIGURES });
  }
  return {
    fof: { id: 'fof', code: 'BENCH', name: '基准测试母基金', jurisdiction: 'wuhan' },
    asOf: '2024-12-31',
    knownAt: null,
    generatedAt: '2025-01-01T00:00:00.000Z',
    generatedBy: 'measure-workbook-memory',
    policyPack: null,
    portfolio: FIGURES,
    categories: CATEGORIES.map((c) => ({ category: c, labelZh: c, labelEn: c, positions: 0, figures: FIGURES })),
    vintages: [],
    positions: rows,
    annualAllocation: [],
    handoffs: [],
    secondaryPurchases: [],
    checks: [],
    exemptions: [],
    lossesBeyondTolerance: { exempt: [], notExempt: [], pending: [] },
  };
}

/** Rows of position i: an even share of the total, at least one (the NAV row). */
function blockSize(i: number, rows: number, positions: number): number {
  return Math.floor(((i + 1) * rows) / positions) - Math.floor((i * rows) / positions);
}

function* syntheticFlows(model: ReviewModel, rows: number): Generator<CashFlowRow> {
  const n = model.positions.length;
  const start = Date.UTC(2013, 0, 1);
  // Dates made once: what is measured is the writer, not the generator.
  const days = Array.from({ length: 4384 }, (_, d) => new Date(start + d * 86_400_000).toISOString().slice(0, 10));
  let seed = 42;
  for (let i = 0; i < n; i++) {
    const p = model.positions[i]!;
    const size = blockSize(i, rows, n);
    for (let k = 0; k < size; k++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const nav = k === size - 1;
      const day = nav ? 4383 : Math.floor((k * 4380) / size); // twelve years, sorted; NAV on 2024-12-31
      const yuan = 10_000 + (seed % 5_000_000);
      const fen = String(seed % 100).padStart(2, '0');
      const type = nav ? 'NAV' : k % 3 === 2 ? 'DISTRIBUTION' : 'CONTRIBUTION';
      yield {
        positionId: p.id,
        positionCode: p.code,
        positionName: p.name,
        category: p.category,
        date: days[day]!,
        type,
        amount: `${type === 'CONTRIBUTION' ? '-' : ''}${yuan}.${fen}`,
      };
    }
  }
}

export async function measureWorkbookMemory(opts: WorkbookMemoryOptions): Promise<WorkbookMemoryResult> {
  const rows = opts.rows;
  const positions = Math.max(1, Math.min(rows, opts.positions ?? Math.ceil(rows / 50)));
  const file = opts.file ?? join(tmpdir(), `review-workbook-memory-${process.pid}-${rows}.xlsx`);
  const model = syntheticModel(positions);
  const counts = new Map(model.positions.map((p, i) => [p.id, blockSize(i, rows, positions)]));
  const pooledFlows = [{ group: pooledGroupKey.portfolio(), rows: [{ date: '2013-01-01', amount: '-8000000.00', type: 'FLOW' as const }, { date: '2024-12-31', amount: '9000000.00', type: 'NAV' as const }] }];

  const startRss = process.memoryUsage.rss();
  let peak = startRss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const t0 = process.hrtime.bigint();
  try {
    await writeReviewWorkbook(model, syntheticFlows(model, rows), createWriteStream(file), { lang: opts.lang ?? 'zh', positionFlowCounts: counts, pooledFlows });
  } finally {
    clearInterval(sampler);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  peak = Math.max(peak, process.memoryUsage.rss());
  const fileBytes = statSync(file).size;
  if (!opts.keepFile && opts.file === undefined) unlinkSync(file);
  return {
    rows,
    positions,
    seconds: Math.round(seconds * 100) / 100,
    peakRssMiB: Math.round(peak / MiB),
    startRssMiB: Math.round(startRss / MiB),
    processMaxRssMiB: Math.round((process.resourceUsage().maxRSS * 1024) / MiB),
    fileBytes,
    file,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const positions = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
  measureWorkbookMemory({ rows, positions }).then(
    (r) => console.log(JSON.stringify(r)),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
