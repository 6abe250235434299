import type ExcelJS from 'exceljs';
import { columnLetter, STYLE } from './cells.js';
import { type CellInput, RowXmlWriter } from './row-xml.js';

export type { CellInput } from './row-xml.js';

/** Widths in characters; a style shared by every data cell of the column (see STYLE). */
export interface TableColumn {
  header: string;
  width: number;
  style?: Partial<ExcelJS.Style>;
}

export type Workbook = ExcelJS.stream.xlsx.WorkbookWriter;

/** The data rows' own style: one shared object, so exceljs' style registry resolves it once. */
const ROW_STYLE: Partial<ExcelJS.Style> = {};

/**
 * One table on one sheet of the streaming workbook: a bold header row, frozen, an autoFilter
 * over the header and data, and the data rows written out as they are added (as XML, by
 * RowXmlWriter: see row-xml.ts), in batches of about 64 Ki characters, so a sheet holds no more
 * rows than that before they reach exceljs' stream. The header, the columns, the filter and the
 * sheet's end are exceljs' own. Sheets must be filled and closed
 * in the order they are opened:
 * exceljs zips worksheets one after another, and rows of a later sheet written while an
 * earlier one is still open wait in memory.
 */
export class TableSheet {
  readonly name: string;
  private readonly ws: ExcelJS.Worksheet;
  private readonly out: RowXmlWriter;
  private readonly styles: Array<Partial<ExcelJS.Style>>;
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
    this.out = new RowXmlWriter(wb, this.ws, columns.length, ROW_STYLE);
    this.styles = columns.map((c) => c.style ?? STYLE.plain);
  }

  /** Row number the next add() writes to (the header is row 1). */
  get nextRow(): number {
    return this.out.nextRow;
  }

  /** Data rows written so far. */
  get dataRows(): number {
    return this.rows;
  }

  /** Exceljs' own writer of this sheet, every row added so far handed to it (the backpressure watch needs it). */
  get worksheet(): ExcelJS.Worksheet {
    this.out.flush();
    return this.ws;
  }

  /** Writes one row; styles[i], when given, overrides the column's style for that cell. */
  add(values: ReadonlyArray<CellInput>, styles?: ReadonlyArray<Partial<ExcelJS.Style> | undefined>): void {
    if (styles) {
      const own = this.styles.map((s, i) => styles[i] ?? s);
      this.out.add(values, own);
    } else {
      this.out.add(values, this.styles);
    }
    this.rows++;
  }

  /** Sets the filter over header and data and writes the sheet's end; nothing can be added after. */
  close(): void {
    this.ws.autoFilter = `A1:${columnLetter(this.columns.length)}${this.out.nextRow - 1}`;
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
