import type ExcelJS from 'exceljs';
import { columnLetter, STYLE } from './cells.js';

/** Widths in characters; a style shared by every data cell of the column (see STYLE). */
export interface TableColumn {
  header: string;
  width: number;
  style?: Partial<ExcelJS.Style>;
}

export type Workbook = ExcelJS.stream.xlsx.WorkbookWriter;

const ROW_STYLE: Partial<ExcelJS.Style> = {};
export type CellInput = ExcelJS.CellValue;

/**
 * One table on one sheet of the streaming workbook: a bold header row, frozen, an autoFilter
 * over the header and data, and every row committed (written out) as soon as it is added, so a
 * sheet holds no rows in memory. Sheets must be filled and closed in the order they are opened:
 * exceljs zips worksheets one after another, and rows of a later sheet written while an
 * earlier one is still open wait in memory.
 */
export class TableSheet {
  readonly name: string;
  private readonly ws: ExcelJS.Worksheet;
  private rows = 0;

  constructor(
    wb: Workbook,
    name: string,
    private readonly columns: ReadonlyArray<TableColumn>,
  ) {
    this.name = name;
    this.ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
    this.ws.columns = columns.map((c) => ({ width: c.width }));
    const header = this.ws.addRow(columns.map((c) => c.header));
    for (let i = 1; i <= columns.length; i++) header.getCell(i).style = STYLE.header;
    header.commit();
  }

  /** Row number the next add() writes to (the header is row 1). */
  get nextRow(): number {
    return this.rows + 2;
  }

  /** Data rows written so far. */
  get dataRows(): number {
    return this.rows;
  }

  /** Exceljs' own writer of this sheet (the backpressure watch needs it). */
  get worksheet(): ExcelJS.Worksheet {
    return this.ws;
  }

  /** Writes and commits one row; styles[i], when given, overrides the column's style for that cell. */
  add(values: ReadonlyArray<CellInput>, styles?: ReadonlyArray<Partial<ExcelJS.Style> | undefined>): void {
    const row = this.ws.addRow(values as CellInput[]);
    // A row's own style is a fresh {} that misses exceljs' style cache on every row: share one.
    (row as unknown as { style: Partial<ExcelJS.Style> }).style = ROW_STYLE;
    const cols = this.columns;
    for (let i = 0; i < cols.length; i++) {
      // Assigning a shared object (not setting numFmt on the cell) keeps exceljs' style cache hit.
      row.getCell(i + 1).style = styles?.[i] ?? cols[i]!.style ?? STYLE.plain;
    }
    row.commit();
    this.rows++;
    // exceljs' streaming writer keeps every formula cell it wrote (for shared formulas, which we
    // do not use) until the sheet ends: let it go now and then, so formula rows do not pile up.
    if (this.rows % 256 === 0) (this.ws as unknown as { _formulae?: object })._formulae = {};
  }

  /** Sets the filter over header and data and writes the sheet's end; nothing can be added after. */
  close(): void {
    this.ws.autoFilter = `A1:${columnLetter(this.columns.length)}${this.rows + 1}`;
    this.ws.commit();
  }
}

/** What every sheet writer needs. */
export interface SheetContext {
  wb: Workbook;
  lang: 'zh' | 'en';
  /** Lets the zip and the output catch up (see backpressure.ts). */
  relieve: (ws: ExcelJS.Worksheet) => Promise<void>;
}

export interface StyledCells {
  values: ReadonlyArray<CellInput>;
  styles?: ReadonlyArray<Partial<ExcelJS.Style> | undefined>;
}

/** Rows between two waits for the zip and the output to catch up. */
export const RELIEF_EVERY = 2000;

/** Writes a whole table: opens the sheet, one row per item (given its row number), closes it. */
export async function writeTable<T>(
  ctx: SheetContext,
  name: string,
  columns: ReadonlyArray<TableColumn>,
  items: Iterable<T>,
  toCells: (item: T, row: number) => ReadonlyArray<CellInput> | StyledCells,
): Promise<TableSheet> {
  const sheet = new TableSheet(ctx.wb, name, columns);
  for (const item of items) {
    const cells = toCells(item, sheet.nextRow);
    if (Array.isArray(cells)) sheet.add(cells);
    else sheet.add((cells as StyledCells).values, (cells as StyledCells).styles);
    if (sheet.dataRows % RELIEF_EVERY === 0) await ctx.relieve(sheet.worksheet);
  }
  sheet.close();
  return sheet;
}
