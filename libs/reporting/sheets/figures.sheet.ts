import type { PositionRow, ReviewModel } from '../../domain/review/review-model.js';
import { decimal, STYLE, text, type XirrRange } from '../cells.js';
import { figureCells, figureColumns } from '../figure-columns.js';
import {
  CATEGORY,
  DIRECT_STATUS_LABEL,
  HEADERS,
  labelOf,
  type Lang,
  POSITION_KIND,
  SHEET,
  STAGE,
  SUB_FUND_STATUS_LABEL,
} from '../labels.js';
import { type SheetContext, type TableColumn, writeTable } from '../table-sheet.js';
import { pooledGroupKey } from './pooled-flows.sheet.js';

/**
 * The portfolio, category, vintage and position sheets: a few describing columns, then the
 * figure columns of figure-columns.ts. Position IRRs point at the position's block on the
 * cash-flow sheet; portfolio, category and vintage IRRs at the group's block on the pooled-flow
 * sheet (XIRR cannot add up several positions' blocks).
 */

/** Sub-fund category or direct-investment stage label (the same code, SEED, means either). */
export function positionCategoryLabel(p: Pick<PositionRow, 'kind' | 'category'>, lang: Lang): string {
  return labelOf(p.kind === 'DIRECT' ? STAGE : CATEGORY, p.category, lang);
}

function positionStatusLabel(p: PositionRow, lang: Lang): string {
  return labelOf(p.kind === 'DIRECT' ? DIRECT_STATUS_LABEL : SUB_FUND_STATUS_LABEL, p.status, lang);
}

export async function writePortfolioSheet(ctx: SheetContext, model: ReviewModel, pooled: ReadonlyMap<string, XirrRange>): Promise<void> {
  const { lang } = ctx;
  const lead: TableColumn[] = [
    { header: HEADERS.fofCode[lang], width: 14 },
    { header: HEADERS.fofName[lang], width: 28 },
    { header: HEADERS.positionCount[lang], width: 10, style: STYLE.integer },
  ];
  await writeTable(ctx, SHEET.portfolio[lang], [...lead, ...figureColumns(lang)], [model], (m, row) => [
    text(m.fof.code),
    text(m.fof.name),
    m.positions.length,
    ...figureCells(m.portfolio, row, lead.length + 1, lang, pooled.get(pooledGroupKey.portfolio())),
  ]);
}

export async function writeCategoriesSheet(ctx: SheetContext, model: ReviewModel, pooled: ReadonlyMap<string, XirrRange>): Promise<void> {
  const { lang } = ctx;
  const lead: TableColumn[] = [
    { header: HEADERS.category[lang], width: 16 },
    { header: HEADERS.categoryLabel[lang], width: 24 },
    { header: HEADERS.positionCount[lang], width: 10, style: STYLE.integer },
  ];
  await writeTable(ctx, SHEET.categories[lang], [...lead, ...figureColumns(lang)], model.categories, (c, row) => [
    text(c.category),
    text(lang === 'zh' ? c.labelZh : c.labelEn),
    c.positions,
    ...figureCells(c.figures, row, lead.length + 1, lang, pooled.get(pooledGroupKey.category(c.category))),
  ]);
}

export async function writeVintagesSheet(ctx: SheetContext, model: ReviewModel, pooled: ReadonlyMap<string, XirrRange>): Promise<void> {
  const { lang } = ctx;
  const lead: TableColumn[] = [
    { header: HEADERS.vintage[lang], width: 10, style: STYLE.integer },
    { header: HEADERS.positionCount[lang], width: 10, style: STYLE.integer },
  ];
  await writeTable(ctx, SHEET.vintages[lang], [...lead, ...figureColumns(lang)], model.vintages, (v, row) => [
    v.year,
    v.positions,
    ...figureCells(v.figures, row, lead.length + 1, lang, pooled.get(pooledGroupKey.vintage(v.year))),
  ]);
}

/** `ranges`: each position's block on the cash-flow sheets, by position id. */
export async function writePositionsSheet(
  ctx: SheetContext,
  model: ReviewModel,
  ranges: ReadonlyMap<string, XirrRange | undefined>,
): Promise<void> {
  const { lang } = ctx;
  const lead: TableColumn[] = [
    { header: HEADERS.kind[lang], width: 12 },
    { header: HEADERS.code[lang], width: 16 },
    { header: HEADERS.name[lang], width: 32 },
    { header: HEADERS.categoryOrStage[lang], width: 20 },
    { header: HEADERS.status[lang], width: 10 },
    { header: HEADERS.vintage[lang], width: 8, style: STYLE.integer },
    { header: HEADERS.fofShare[lang], width: 12, style: STYLE.percent },
  ];
  await writeTable(ctx, SHEET.positions[lang], [...lead, ...figureColumns(lang)], model.positions, (p, row) => [
    POSITION_KIND[p.kind][lang],
    text(p.code),
    text(p.name),
    text(positionCategoryLabel(p, lang)),
    text(positionStatusLabel(p, lang)),
    p.vintage,
    decimal(p.fofShare),
    ...figureCells(p.figures, row, lead.length + 1, lang, ranges.get(p.id)),
  ]);
}
