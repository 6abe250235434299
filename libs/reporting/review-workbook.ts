import ExcelJS from 'exceljs';
import type { ReviewModel } from '../domain/review/review-model.js';
import { Backpressure } from './backpressure.js';
import { assertWritableAmounts } from './writable-amounts.js';
import type { Lang } from './labels.js';
import {
  writeAnnualAllocationSheet,
  writeExemptionsSheet,
  writeLossesBeyondToleranceSheet,
  writeHandoffsSheet,
  writeSecondaryPurchasesSheet,
} from './sheets/annual-tables.sheet.js';
import { type CashFlowSource, EXCEL_MAX_DATA_ROWS, planCashFlowRanges, writeCashFlowSheets } from './sheets/cash-flows.sheet.js';
import { writeChecksSheet, writeCoverSheet } from './sheets/cover-checks.sheet.js';
import { writeCategoriesSheet, writePortfolioSheet, writePositionsSheet, writeVintagesSheet } from './sheets/figures.sheet.js';
import { planPooledRanges, type PooledFlowSeries, writePooledFlowsSheet } from './sheets/pooled-flows.sheet.js';
import type { SheetContext } from './table-sheet.js';

export { EXCEL_MAX_DATA_ROWS } from './sheets/cash-flows.sheet.js';
export { pooledGroupKey, type PooledFlowRow, type PooledFlowSeries } from './sheets/pooled-flows.sheet.js';

export interface ReviewWorkbookOptions {
  /** Labels, sheet names and explanations: Chinese by default in the callers, English on request. */
  lang: Lang;
  /** Called with the number of cash-flow rows written so far (every few thousand rows, and at the end). */
  onProgress?: (rowsWritten: number) => void;
  /**
   * Number of cash-flow rows of each position (its flows plus the NAV row), by position id (a
   * sub-fund and a direct investment may share a code).
   * With it, each position's cash-flow range is known in advance and the positions sheet comes
   * before the cash flows; rows that disagree with it make the export fail. Without it, the
   * positions sheet is written after the cash-flow sheets (and so comes after them in the tabs).
   */
  positionFlowCounts?: ReadonlyMap<string, number>;
  /** Pooled series for the portfolio, category and vintage XIRR formulas (see pooledGroupKey). */
  pooledFlows?: ReadonlyArray<PooledFlowSeries>;
  /** Data rows per cash-flow sheet; Excel's limit (1,048,575 below the header) by default. */
  maxRowsPerSheet?: number;
}

/**
 * Streams the review workbook (domain brief, "What a review workbook holds") to `out`.
 *
 * Sheets, in order: cover, rule checks, portfolio, categories, vintages, positions, annual
 * early-stage allocation, hand-offs, S-fund purchases, exemptions, losses beyond tolerance, pooled
 * flows, cash flows 1…n
 * (positions after the cash flows when positionFlowCounts is not given). Each sheet is filled
 * and committed before the next is opened, every row is committed as it is written, and the
 * writer waits for the zip and for `out` (see backpressure.ts), so memory does not grow with
 * the number of cash flows. `cashFlows` come grouped by position in model.positions order,
 * each position's flows sorted by date and ending with its NAV row, amounts signed the XIRR
 * way. On rejection the output is incomplete: the caller discards or destroys it.
 */
export async function writeReviewWorkbook(
  model: ReviewModel,
  cashFlows: CashFlowSource,
  out: NodeJS.WritableStream,
  opts: ReviewWorkbookOptions,
): Promise<void> {
  const { lang } = opts;
  if (lang !== 'zh' && lang !== 'en') throw new RangeError(`lang must be zh or en, not ${JSON.stringify(lang)}`);
  const maxRows = opts.maxRowsPerSheet ?? EXCEL_MAX_DATA_ROWS;
  if (!Number.isInteger(maxRows) || maxRows < 1 || maxRows > EXCEL_MAX_DATA_ROWS) {
    throw new RangeError(`maxRowsPerSheet must be an integer from 1 to ${EXCEL_MAX_DATA_ROWS}`);
  }
  assertWritableAmounts(model);
  const pooled = opts.pooledFlows ?? [];
  const pooledRanges = planPooledRanges(pooled, lang);
  const counts = opts.positionFlowCounts;
  const planned = counts ? planCashFlowRanges(model.positions, counts, maxRows, lang) : undefined;

  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out as unknown as import('node:stream').Stream, useStyles: true, useSharedStrings: false });
  wb.creator = model.generatedBy;
  wb.lastModifiedBy = model.generatedBy;
  const generated = new Date(model.generatedAt);
  if (!Number.isNaN(generated.getTime())) wb.created = wb.modified = generated;
  const bp = new Backpressure(wb, out);
  const ctx: SheetContext = { wb, lang, relieve: (ws) => bp.relieve(ws) };

  await writeCoverSheet(ctx, model);
  await writeChecksSheet(ctx, model);
  await writePortfolioSheet(ctx, model, pooledRanges);
  await writeCategoriesSheet(ctx, model, pooledRanges);
  await writeVintagesSheet(ctx, model, pooledRanges);
  if (planned) await writePositionsSheet(ctx, model, planned);
  await writeAnnualAllocationSheet(ctx, model);
  await writeHandoffsSheet(ctx, model);
  await writeSecondaryPurchasesSheet(ctx, model);
  await writeExemptionsSheet(ctx, model);
  await writeLossesBeyondToleranceSheet(ctx, model);
  await writePooledFlowsSheet(ctx, model, pooled);
  const ranges = await writeCashFlowSheets(ctx, model.positions, cashFlows, { maxRows, counts, planned, onProgress: opts.onProgress });
  if (!planned) await writePositionsSheet(ctx, model, ranges);
  bp.check();
  await bp.guard(wb.commit());
}
