import type { ReviewModel } from '../../domain/review/review-model.js';
import { date, decimal, formula, STYLE, text, yuan } from '../cells.js';
import { BASIS, CHECK_STATUS, EXEMPTION_LABEL, FIGURE_HEADERS, HEADERS, labelOf, LOSS_BUCKET, SHEET, SUBJECT_TYPE } from '../labels.js';
import { type SheetContext, type TableColumn, writeTable } from '../table-sheet.js';

/**
 * The year-by-year and event tables: annual early-stage allocation (§二(一)1, at least 20%),
 * hand-offs per sub-fund and year (§二(一)4, at most 10%), S-fund purchases (§四(三)), the
 * exemption cases and the losses beyond tolerance by their decisions (§二(一)5). Shares and the
 * discount to NAV are formulas over the row.
 */

export async function writeAnnualAllocationSheet(ctx: SheetContext, model: ReviewModel): Promise<void> {
  const { lang } = ctx;
  const h = HEADERS;
  const columns: TableColumn[] = [
    { header: h.year[lang], width: 8, style: STYLE.integer },
    { header: h.basis[lang], width: 12 },
    { header: h.newInvestment[lang], width: 18, style: STYLE.yuan },
    { header: h.earlyStage[lang], width: 18, style: STYLE.yuan },
    { header: h.earlyStageShare[lang], width: 12, style: STYLE.percent },
    { header: h.target[lang], width: 10, style: STYLE.percent },
    { header: h.checkStatus[lang], width: 10 },
  ];
  await writeTable(ctx, SHEET.annualAllocation[lang], columns, model.annualAllocation, (a, row) => [
    a.year,
    labelOf(BASIS, a.basis, lang),
    yuan(a.newInvestment),
    yuan(a.earlyStage),
    formula(`IFERROR(D${row}/C${row},"")`, decimal(a.earlyStageShare)),
    decimal(a.target),
    labelOf(CHECK_STATUS, a.status, lang),
  ]);
}

export async function writeHandoffsSheet(ctx: SheetContext, model: ReviewModel): Promise<void> {
  const { lang } = ctx;
  const h = HEADERS;
  const names = new Map(model.positions.filter((p) => p.kind === 'SUB_FUND').map((p) => [p.id, p.name]));
  const columns: TableColumn[] = [
    { header: h.year[lang], width: 8, style: STYLE.integer },
    { header: h.subFundCode[lang], width: 16 },
    { header: h.subFundName[lang], width: 30 },
    { header: h.newInvestment[lang], width: 18, style: STYLE.yuan },
    { header: h.handoffAmount[lang], width: 18, style: STYLE.yuan },
    { header: h.handoffShare[lang], width: 12, style: STYLE.percent },
    { header: h.cap[lang], width: 10, style: STYLE.percent },
    { header: h.checkStatus[lang], width: 10 },
  ];
  await writeTable(ctx, SHEET.handoffs[lang], columns, model.handoffs, (x, row) => [
    x.year,
    text(x.subFundCode),
    text(names.get(x.subFundId) ?? ''),
    yuan(x.newInvestment),
    yuan(x.handoffAmount),
    formula(`IFERROR(E${row}/D${row},"")`, decimal(x.share)),
    decimal(x.cap),
    labelOf(CHECK_STATUS, x.status, lang),
  ]);
}

export async function writeSecondaryPurchasesSheet(ctx: SheetContext, model: ReviewModel): Promise<void> {
  const { lang } = ctx;
  const h = HEADERS;
  const columns: TableColumn[] = [
    { header: h.purchaseDate[lang], width: 12, style: STYLE.date },
    { header: h.buyer[lang], width: 24 },
    { header: h.fundInterest[lang], width: 28 },
    { header: h.seller[lang], width: 24 },
    { header: h.commitmentTransferred[lang], width: 18, style: STYLE.yuan },
    { header: h.paidInTransferred[lang], width: 18, style: STYLE.yuan },
    { header: h.unfundedTransferred[lang], width: 18, style: STYLE.yuan },
    { header: h.referenceNav[lang], width: 18, style: STYLE.yuan },
    { header: h.referenceNavDate[lang], width: 12, style: STYLE.date },
    { header: h.price[lang], width: 18, style: STYLE.yuan },
    { header: h.discountToNav[lang], width: 12, style: STYLE.percent },
    { header: h.unfundedTakenOn[lang], width: 18, style: STYLE.yuan },
  ];
  await writeTable(ctx, SHEET.secondaryPurchases[lang], columns, model.secondaryPurchases, (s, row) => [
    date(s.purchaseDate),
    text(s.buyer),
    text(s.fundInterest),
    text(s.seller),
    yuan(s.commitmentTransferred),
    yuan(s.paidInTransferred),
    yuan(s.unfundedTransferred),
    yuan(s.referenceNav),
    date(s.referenceNavDate),
    yuan(s.price),
    // 1 − price / reference NAV; blank (null in the model) over a zero NAV.
    formula(`IFERROR(1-J${row}/H${row},"")`, decimal(s.discountToNav)),
    yuan(s.unfundedTakenOn),
  ]);
}

export async function writeExemptionsSheet(ctx: SheetContext, model: ReviewModel): Promise<void> {
  const { lang } = ctx;
  const h = HEADERS;
  const columns: TableColumn[] = [
    { header: h.caseId[lang], width: 16 },
    { header: h.subjectType[lang], width: 14 },
    { header: h.subject[lang], width: 28 },
    { header: FIGURE_HEADERS.loss[lang], width: 18, style: STYLE.yuan },
    { header: FIGURE_HEADERS.lossRatio[lang], width: 10, style: STYLE.percent },
    { header: h.tolerance[lang], width: 10, style: STYLE.percent },
    { header: h.status[lang], width: 12 },
    { header: h.conclusion[lang], width: 14 },
    { header: h.decidedOn[lang], width: 12, style: STYLE.date },
  ];
  await writeTable(ctx, SHEET.exemptions[lang], columns, model.exemptions, (e) => [
    text(e.caseId),
    labelOf(SUBJECT_TYPE, e.subjectType, lang),
    text(e.subjectLabel),
    yuan(e.loss),
    decimal(e.lossRatio),
    decimal(e.tolerance),
    text(labelOf(EXEMPTION_LABEL, e.status, lang)),
    text(labelOf(EXEMPTION_LABEL, e.conclusion, lang)),
    date(e.decidedOn),
  ]);
}

/**
 * Every loss beyond tolerance (a FAIL on a loss-tolerance rule), by the final decision of its
 * assessment: exempt, not exempt (a PARTIAL decision gives a row in each), or not decided yet.
 */
export async function writeLossesBeyondToleranceSheet(ctx: SheetContext, model: ReviewModel): Promise<void> {
  const { lang } = ctx;
  const h = HEADERS;
  const columns: TableColumn[] = [
    { header: h.lossBucket[lang], width: 12 },
    { header: h.ruleId[lang], width: 30 },
    { header: h.subjectType[lang], width: 14 },
    { header: h.subject[lang], width: 28 },
    { header: h.lossAmount[lang], width: 18, style: STYLE.yuan },
    { header: h.caseId[lang], width: 38 },
  ];
  const l = model.lossesBeyondTolerance;
  const rows = (['exempt', 'notExempt', 'pending'] as const).flatMap((bucket) => l[bucket].map((line) => ({ bucket, line })));
  await writeTable(ctx, SHEET.lossesBeyondTolerance[lang], columns, rows, ({ bucket, line }) => [
    text(LOSS_BUCKET[bucket][lang]),
    text(line.ruleId),
    labelOf(SUBJECT_TYPE, line.subjectType, lang),
    text(line.subjectLabel),
    yuan(line.amount),
    text(line.caseId),
  ]);
}
