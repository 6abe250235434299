import type { BusinessDate } from '../../domain/money/business-date.js';
import type { MoneyString } from '../../domain/money/money.js';
import type { ReviewModel } from '../../domain/review/review-model.js';
import { date, STYLE, text, type XirrRange, yuan } from '../cells.js';
import { CATEGORY, HEADERS, labelOf, type Lang, POOLED_FLOW_TYPE, POOLED_GROUP, SHEET } from '../labels.js';
import { type SheetContext, type TableColumn, writeTable } from '../table-sheet.js';

/**
 * The pooled-flow sheet (汇总现金流 / PooledFlows): per group (the whole FoF, each category,
 * each vintage) its flows netted by date, contributions negative, then the group's NAV (when above
 * 0) as a final inflow on the as-of date, the same series the read model's pooled IRR was solved
 * over (ADR-0002, "Pooling"); each row is labelled as what it is, a day's net flow or the NAV. The portfolio, category and vintage sheets point XIRR here. The
 * caller passes these small series (one row per group and day); they are not derived from the
 * streamed cash flows, which are written after the sheets that need their ranges.
 */
export interface PooledFlowRow {
  date: BusinessDate;
  /** Signed the XIRR way: contributions negative, distributions and the NAV positive. */
  amount: MoneyString;
  /** FLOW (a day's net flow) or NAV (the closing NAV, the final inflow); said by the caller, never guessed from the position. */
  type: 'FLOW' | 'NAV';
}

export interface PooledFlowSeries {
  /** A key from pooledGroupKey: PORTFOLIO, CATEGORY:<code> or VINTAGE:<year>. */
  group: string;
  rows: ReadonlyArray<PooledFlowRow>;
}

/** The group keys the workbook looks the pooled series up by. */
export const pooledGroupKey = {
  portfolio: (): string => 'PORTFOLIO',
  category: (category: string): string => `CATEGORY:${category}`,
  vintage: (year: number): string => `VINTAGE:${year}`,
};

const AMOUNT_COLUMN = 'E';
const DATE_COLUMN = 'D';

function groupLabel(key: string, model: ReviewModel, lang: Lang): string {
  if (key === pooledGroupKey.portfolio()) return POOLED_GROUP.portfolio[lang];
  if (key.startsWith('CATEGORY:')) {
    const code = key.slice('CATEGORY:'.length);
    const row = model.categories.find((c) => c.category === code);
    const label = row ? (lang === 'zh' ? row.labelZh : row.labelEn) : labelOf(CATEGORY, code, lang);
    return `${POOLED_GROUP.category[lang]}: ${label}`;
  }
  if (key.startsWith('VINTAGE:')) return `${POOLED_GROUP.vintage[lang]}: ${key.slice('VINTAGE:'.length)}`;
  return key;
}

/** Where each group's block will sit on the pooled-flow sheet, before it is written. */
export function planPooledRanges(series: ReadonlyArray<PooledFlowSeries>, lang: Lang): Map<string, XirrRange> {
  const ranges = new Map<string, XirrRange>();
  let row = 2;
  for (const s of series) {
    if (ranges.has(s.group)) throw new RangeError(`pooled flows: group ${s.group} given twice`);
    if (s.rows.length > 0) {
      ranges.set(s.group, { sheet: SHEET.pooledFlows[lang], amountColumn: AMOUNT_COLUMN, dateColumn: DATE_COLUMN, firstRow: row, lastRow: row + s.rows.length - 1 });
    }
    row += s.rows.length;
  }
  return ranges;
}

export async function writePooledFlowsSheet(ctx: SheetContext, model: ReviewModel, series: ReadonlyArray<PooledFlowSeries>): Promise<void> {
  const { lang } = ctx;
  const columns: TableColumn[] = [
    { header: HEADERS.group[lang], width: 20 },
    { header: HEADERS.groupLabel[lang], width: 28 },
    { header: HEADERS.flowType[lang], width: 14 },
    { header: HEADERS.date[lang], width: 12, style: STYLE.date },
    { header: HEADERS.amount[lang], width: 20, style: STYLE.yuan },
  ];
  const rows = series.flatMap((s) => {
    const key = text(s.group);
    const label = text(groupLabel(s.group, model, lang));
    return s.rows.map((r) => ({ group: s.group, key, label, r }));
  });
  await writeTable(ctx, SHEET.pooledFlows[lang], columns, rows, (x) => {
    const type = POOLED_FLOW_TYPE[x.r.type];
    if (type === undefined) throw new RangeError(`pooled flows: unknown type ${JSON.stringify(x.r.type)} on ${x.r.date} in group ${x.group}`);
    return [x.key, x.label, type[lang], date(x.r.date), yuan(x.r.amount)];
  });
}
