import type { CashFlowRow, PositionRow } from '../../domain/review/review-model.js';
import { date, STYLE, text, type XirrRange, yuan } from '../cells.js';
import { CASH_FLOW_TYPE, cashFlowSheetName, HEADERS, type Lang } from '../labels.js';
import { type CellInput, RELIEF_EVERY, type SheetContext, type TableColumn, TableSheet } from '../table-sheet.js';
import { positionCategoryLabel } from './figures.sheet.js';

/**
 * The cash-flow sheets (现金流1, 现金流2 … / CashFlows1 …): every flow of every position, signed
 * the XIRR way, each position's block sorted by date and ending with its NAV row. Streamed: one
 * row in, one row committed, the zip and the output allowed to catch up every RELIEF_EVERY rows.
 *
 * Excel holds 1,048,576 rows a sheet (1,048,575 after the header). A position's block never
 * straddles two sheets, because XIRR takes one contiguous range: a block that does not fit in
 * what is left of a sheet starts the next one. A block longer than a whole sheet (never seen in
 * practice) is split, and that position's IRR cell holds the value instead of a formula.
 */
export const EXCEL_MAX_DATA_ROWS = 1_048_575;
const DATE_COLUMN = 'E';
const AMOUNT_COLUMN = 'F';

/** Decides which sheet and rows each block gets. The plan and the writer share it, so they agree. */
export class CashFlowPlacer {
  private sheet = 1;
  private used = 0;

  constructor(private readonly maxRows: number) {}

  /** Places a block of `size` rows; undefined when it has no single range (empty, or split). */
  begin(size: number): { sheetIndex: number; firstRow: number; lastRow: number } | undefined {
    if (size <= 0 || size > this.maxRows) return undefined;
    if (this.used + size > this.maxRows) {
      this.sheet++;
      this.used = 0;
    }
    return { sheetIndex: this.sheet, firstRow: this.used + 2, lastRow: this.used + size + 1 };
  }

  /** Takes the next row; returns the sheet it goes on (the next one once the current is full). */
  next(): number {
    if (this.used === this.maxRows) {
      this.sheet++;
      this.used = 0;
    }
    this.used++;
    return this.sheet;
  }
}

function toRange(lang: Lang, at: ReturnType<CashFlowPlacer['begin']>): XirrRange | undefined {
  return at && { sheet: cashFlowSheetName(lang, at.sheetIndex), amountColumn: AMOUNT_COLUMN, dateColumn: DATE_COLUMN, firstRow: at.firstRow, lastRow: at.lastRow };
}

/**
 * Each position's range by position id, known before any flow is written, from the number of flows
 * of each position (by id) in model.positions order (positions without flows are skipped). Ids, not
 * codes: a sub-fund and a direct investment may share a code.
 */
export function planCashFlowRanges(
  positions: ReadonlyArray<Pick<PositionRow, 'id'>>,
  counts: ReadonlyMap<string, number>,
  maxRows: number,
  lang: Lang,
): Map<string, XirrRange | undefined> {
  const placer = new CashFlowPlacer(maxRows);
  const ranges = new Map<string, XirrRange | undefined>();
  for (const p of positions) {
    const n = counts.get(p.id) ?? 0;
    if (n <= 0) continue;
    ranges.set(p.id, toRange(lang, placer.begin(n)));
    for (let i = 0; i < n; i++) placer.next();
  }
  return ranges;
}

function sameRange(a: XirrRange | undefined, b: XirrRange | undefined): boolean {
  return a?.sheet === b?.sheet && a?.firstRow === b?.firstRow && a?.lastRow === b?.lastRow;
}

function columns(lang: Lang): TableColumn[] {
  const h = HEADERS;
  return [
    { header: h.positionCode[lang], width: 16 },
    { header: h.positionName[lang], width: 30 },
    { header: h.categoryOrStage[lang], width: 20 },
    { header: h.flowType[lang], width: 10 },
    { header: h.date[lang], width: 12, style: STYLE.date },
    { header: h.amount[lang], width: 20, style: STYLE.yuan },
  ];
}

/** Cash-flow rows one by one or in batches (a batch per database read saves a promise per row). */
export type CashFlowSource = AsyncIterable<CashFlowRow | CashFlowRow[]> | Iterable<CashFlowRow | CashFlowRow[]>;

export interface CashFlowWriteOptions {
  maxRows: number;
  /** Flows per position id: when given, the ranges were planned and are checked as rows arrive. */
  counts?: ReadonlyMap<string, number>;
  planned?: ReadonlyMap<string, XirrRange | undefined>;
  onProgress?: (rowsWritten: number) => void;
}

/** Text of a block, escaped once per block rather than once per row. */
interface BlockText {
  code: CellInput;
  name: CellInput;
  category: CellInput;
}

/**
 * Streams the cash flows to the cash-flow sheets and returns each position's range, by position id
 * (a block is the rows of one positionId). With counts,
 * rows go straight through and any disagreement with the plan (a count, the order, a missing
 * block) throws, since the positions sheet already points at the planned rows. Without counts,
 * one position's block is held until it ends, to know whether it fits on the current sheet.
 */
export async function writeCashFlowSheets(
  ctx: SheetContext,
  positions: ReadonlyArray<PositionRow>,
  cashFlows: CashFlowSource,
  opts: CashFlowWriteOptions,
): Promise<Map<string, XirrRange | undefined>> {
  const { lang } = ctx;
  const byId = new Map(positions.map((p) => [p.id, p]));
  const typeLabel = { CONTRIBUTION: CASH_FLOW_TYPE.CONTRIBUTION[lang], DISTRIBUTION: CASH_FLOW_TYPE.DISTRIBUTION[lang], NAV: CASH_FLOW_TYPE.NAV[lang] };
  const placer = new CashFlowPlacer(opts.maxRows);
  const ranges = new Map<string, XirrRange | undefined>();
  let sheet: TableSheet | null = null;
  let sheetIndex = 0;
  let written = 0;

  const blockText = (r: CashFlowRow): BlockText => {
    const p = byId.get(r.positionId);
    return { code: text(r.positionCode), name: text(r.positionName), category: text(p ? positionCategoryLabel(p, lang) : r.category) };
  };
  /** A position named in messages: its code, and its id (codes repeat across sub-funds and direct investments). */
  const named = (id: string) => {
    const c = byId.get(id)?.code;
    return c === undefined ? id : `${c} (${id})`;
  };
  const begin = (id: string, size: number) => {
    if (ranges.has(id)) throw new RangeError(`cash flows: position ${named(id)} appears in two separate blocks; give each position's flows together`);
    const range = toRange(lang, placer.begin(size));
    if (opts.planned && !sameRange(range, opts.planned.get(id))) {
      throw new RangeError(`cash flows: position ${named(id)} does not come where positionFlowCounts and model.positions put it`);
    }
    ranges.set(id, range);
  };
  const put = (t: BlockText, r: CashFlowRow): Promise<void> | undefined => {
    const at = placer.next();
    if (at !== sheetIndex) {
      sheet?.close();
      sheet = new TableSheet(ctx.wb, cashFlowSheetName(lang, at), columns(lang));
      sheetIndex = at;
    }
    const type = typeLabel[r.type];
    if (type === undefined) throw new RangeError(`cash flows: unknown type ${JSON.stringify(r.type)} for ${r.positionCode}`);
    sheet!.add([t.code, t.name, t.category, type, date(r.date), yuan(r.amount)]);
    if (++written % RELIEF_EVERY !== 0) return undefined;
    opts.onProgress?.(written);
    return ctx.relieve(sheet!.worksheet);
  };

  let id: string | null = null;
  let t: BlockText | null = null;
  let seen = 0;
  let held: CashFlowRow[] = [];
  const endBlock = async () => {
    if (id === null) return;
    if (opts.counts) {
      if (seen !== opts.counts.get(id)) throw new RangeError(`cash flows: position ${named(id)} has ${seen} flows, positionFlowCounts says ${opts.counts.get(id)}`);
      return;
    }
    begin(id, held.length);
    for (const r of held) {
      const wait = put(t!, r);
      if (wait) await wait;
    }
    held = [];
  };
  // The common case (next row of the same block) stays synchronous: no promise per row.
  const step = (r: CashFlowRow): Promise<void> | undefined => {
    seen++;
    if (!opts.counts) {
      held.push(r);
      return undefined;
    }
    if (seen > (opts.counts.get(id!) ?? 0)) throw new RangeError(`cash flows: position ${named(id!)} has more flows than positionFlowCounts says (${opts.counts.get(id!) ?? 0})`);
    return put(t!, r);
  };
  const nextBlock = async (r: CashFlowRow): Promise<void> => {
    await endBlock();
    id = r.positionId;
    t = blockText(r);
    seen = 0;
    if (opts.counts) begin(id, opts.counts.get(id) ?? 0);
    const wait = step(r);
    if (wait) await wait;
  };
  const onRow = (r: CashFlowRow): Promise<void> | undefined => (r.positionId === id ? step(r) : nextBlock(r));

  const take = async (item: CashFlowRow | CashFlowRow[]) => {
    if (!Array.isArray(item)) {
      const wait = onRow(item);
      if (wait) await wait;
      return;
    }
    for (const r of item) {
      const wait = onRow(r);
      if (wait) await wait;
    }
  };
  if (Symbol.asyncIterator in cashFlows) {
    for await (const item of cashFlows) await take(item);
  } else {
    for (const item of cashFlows) await take(item);
  }
  await endBlock();
  if (opts.planned) {
    for (const [p, planned] of opts.planned) if (!ranges.has(p) && planned !== undefined) throw new RangeError(`cash flows: no flows came for position ${named(p)}, positionFlowCounts says ${opts.counts?.get(p)}`);
  }
  const last: TableSheet = sheet ?? new TableSheet(ctx.wb, cashFlowSheetName(lang, 1), columns(lang));
  last.close();
  opts.onProgress?.(written);
  return ranges;
}
