import type { BuiltReview } from './review.service.js';
import { writeReviewWorkbook } from '../../reporting/review-workbook.js';

/** Streams a built review as the Excel workbook, with the cash-flow sheet read from the database as it goes. */
export function exportReviewWorkbook(
  built: BuiltReview,
  out: NodeJS.WritableStream,
  opts: { lang: 'zh' | 'en'; onProgress?: (rowsWritten: number, totalRows: number) => void },
): Promise<void> {
  const total = [...built.flowCounts.values()].reduce((a, b) => a + b, 0);
  return writeReviewWorkbook(built.model, built.cashFlows(), out, {
    lang: opts.lang,
    positionFlowCounts: built.flowCounts,
    pooledFlows: built.pooledFlows(),
    onProgress: opts.onProgress ? (n) => opts.onProgress!(n, total) : undefined,
  });
}

/** A file name for the workbook: FoF code and as-of date, ASCII only (safe in a Content-Disposition header). */
export const reviewFileName = (fofCode: string, asOf: string, lang: string) =>
  `review-${fofCode.replace(/[^A-Za-z0-9_.-]/g, '_')}-${asOf}${lang === 'en' ? '-en' : ''}.xlsx`;
