import type ExcelJS from 'exceljs';
// exceljs' own text escaping and date conversion, so a cell reads exactly as its row writer writes it.
import excelUtils from 'exceljs/lib/utils/utils.js';
import { columnLetter, type FormulaCell } from './cells.js';

/**
 * The rows of a streamed sheet written as XML here instead of through exceljs' Row and Cell objects
 * (ADR-0008). exceljs builds a Row, a Cell per value, a model per cell and an array of XML fragments
 * per row, then joins them: for the million-row cash-flow sheet that was three quarters of the
 * export's time and most of its garbage. The XML written is byte for byte what exceljs writes for the
 * same values and styles (a test compares the two sheets), with the style ids taken from exceljs' own
 * registry in the order it would take them, so the rest of the workbook (the header row, the
 * columns, the styles part, the filter) stays exceljs'.
 */

/** What a table cell may hold: text, a number, a boolean, a date (UTC midnight), nothing, or a formula with its cached result. */
export type CellInput = string | number | boolean | Date | null | undefined | FormulaCell;

/** exceljs' cell value types (Enums.ValueType), which its style registry takes with a style. */
const VALUE_TYPE = { Null: 0, Number: 2, String: 3, Date: 4, Boolean: 9 } as const;

interface StyleRegistry {
  addStyleModel(style: Partial<ExcelJS.Style>, cellType?: number): number;
}

/** The parts of exceljs' streaming worksheet the rows are written into (exceljs 4.4). */
interface WorksheetInternals {
  stream: { write(text: string): unknown };
  _rowZero: number;
  _rows: unknown[] | null;
  startedData?: boolean;
  useSharedStrings: boolean;
  /** Writes one of exceljs' own rows to the stream. */
  _writeRow(row: unknown): void;
  /** Writes the sheet's end. */
  commit(): void;
}

function internals(wb: unknown, ws: unknown): { styles: StyleRegistry; sheet: WorksheetInternals } {
  const styles = (wb as { styles?: Partial<StyleRegistry> & { weakMap?: unknown } }).styles;
  const sheet = ws as Partial<WorksheetInternals>;
  if (
    typeof styles?.addStyleModel !== 'function' ||
    typeof sheet.stream?.write !== 'function' ||
    typeof sheet._rowZero !== 'number' ||
    !Array.isArray(sheet._rows) ||
    typeof sheet._writeRow !== 'function' ||
    typeof sheet.commit !== 'function'
  ) {
    throw new Error('exceljs internals changed: the streaming worksheet has no stream, _rowZero, _rows, _writeRow or commit, or the workbook no styles registry (row-xml.ts expects exceljs 4.4)');
  }
  // The rows are written as exceljs writes them with its real style registry and inline text.
  if (!(styles.weakMap instanceof WeakMap) || sheet.useSharedStrings !== false) {
    throw new Error('RowXmlWriter needs a workbook written with useStyles: true and useSharedStrings: false');
  }
  if (typeof excelUtils?.xmlEncode !== 'function' || typeof excelUtils?.dateToExcel !== 'function') {
    throw new Error('exceljs internals changed: exceljs/lib/utils/utils.js has no xmlEncode or dateToExcel (row-xml.ts expects exceljs 4.4)');
  }
  return { styles: styles as StyleRegistry, sheet: sheet as WorksheetInternals };
}

/** exceljs' value type of a cell (of a formula: of its result); throws for anything this writer does not write. */
function valueType(v: CellInput, column: string, row: number): number {
  if (v === null || v === undefined) return VALUE_TYPE.Null;
  if (typeof v === 'string') return VALUE_TYPE.String;
  if (typeof v === 'number') return VALUE_TYPE.Number;
  if (typeof v === 'boolean') return VALUE_TYPE.Boolean;
  if (v instanceof Date) return VALUE_TYPE.Date;
  if (typeof v === 'object' && typeof v.formula === 'string' && v.formula !== '' && (typeof v.result === 'number' || typeof v.result === 'string')) {
    return typeof v.result === 'number' ? VALUE_TYPE.Number : VALUE_TYPE.String;
  }
  throw new TypeError(`cell ${column}${row}: cannot write ${typeof v === 'object' ? 'this object' : `a ${typeof v}`} (text, number, boolean, date, blank, or a formula with a number or text result)`);
}

/** Rows of one sheet, written into exceljs' worksheet stream in batches of about 64 Ki characters. */
export class RowXmlWriter {
  private readonly styles: StyleRegistry;
  private readonly sheet: WorksheetInternals;
  private readonly letters: string[];
  private readonly spans: string;
  private pending = '';
  /** Each cell's value type in the row being written. */
  private readonly types: number[] = [];

  constructor(wb: unknown, ws: unknown, columns: number, private readonly rowStyle: Partial<ExcelJS.Style>) {
    ({ styles: this.styles, sheet: this.sheet } = internals(wb, ws));
    this.letters = Array.from({ length: columns }, (_, i) => columnLetter(i + 1));
    this.spans = `1:${columns}`;
    // Whatever exceljs itself writes to the sheet from now on (a row of its own, the sheet's end when
    // the sheet or the workbook is committed) comes after the rows waiting here.
    const sheet = this.sheet;
    const writeRow = sheet._writeRow.bind(sheet);
    const commit = sheet.commit.bind(sheet);
    sheet._writeRow = (row) => {
      this.flush();
      writeRow(row);
    };
    sheet.commit = () => {
      this.flush();
      commit();
    };
  }

  /**
   * Writes the next row. The sheet's earlier rows must all be committed (exceljs writes rows in
   * order); `styles[i]` is cell i's style, one per column.
   */
  add(values: ReadonlyArray<CellInput>, styles: ReadonlyArray<Partial<ExcelJS.Style>>): void {
    const sheet = this.sheet;
    if (sheet._rows === null || sheet._rows.length !== 0 || !sheet.startedData) throw new Error('RowXmlWriter: the sheet has uncommitted rows, no header yet, or is closed');
    if (values.length > this.letters.length) throw new RangeError(`a row of ${values.length} values for ${this.letters.length} columns`);
    const r = sheet._rowZero;
    const types = this.types;
    let blank = true;
    for (let i = 0; i < this.letters.length; i++) {
      types[i] = valueType(values[i], this.letters[i]!, r);
      if (types[i] !== VALUE_TYPE.Null) blank = false;
    }
    sheet._rowZero = r + 1;
    // exceljs writes nothing for a row without a value, and registers none of its styles.
    if (blank) return;
    // In exceljs' order: the row's style first, then each cell's.
    // exceljs' registry keeps the first id it gives a style object, whatever the cell type.
    const rowStyleId = this.styles.addStyleModel(this.rowStyle, VALUE_TYPE.Number);
    let xml = `<row r="${r}" spans="${this.spans}"${rowStyleId ? ` s="${rowStyleId}" customFormat="1"` : ''} x14ac:dyDescent="0.25">`;
    for (let i = 0; i < this.letters.length; i++) {
      const v = values[i];
      const s = this.styles.addStyleModel(styles[i]!, types[i]!);
      const head = `<c r="${this.letters[i]}${r}"${s ? ` s="${s}"` : ''}`;
      if (v === null || v === undefined) {
        if (s) xml += `${head}/>`;
      } else if (typeof v === 'number') {
        xml += `${head}><v>${v}</v></c>`;
      } else if (typeof v === 'string') {
        xml += `${head} t="str"><v>${excelUtils.xmlEncode(v)}</v></c>`;
      } else if (typeof v === 'boolean') {
        xml += `${head} t="b"><v>${v ? '1' : '0'}</v></c>`;
      } else if (v instanceof Date) {
        xml += `${head}><v>${excelUtils.dateToExcel(v, false)}</v></c>`;
      } else {
        const f = `<f>${excelUtils.xmlEncode(v.formula)}</f>`;
        xml += typeof v.result === 'number' ? `${head}>${f}<v>${v.result}</v></c>` : `${head} t="str">${f}<v>${excelUtils.xmlEncode(v.result)}</v></c>`;
      }
    }
    this.pending += `${xml}</row>`;
    if (this.pending.length >= 1 << 16) this.flush();
  }

  /** The row number the next row gets (rows written through exceljs itself count too). */
  get nextRow(): number {
    return this.sheet._rowZero;
  }

  /** Hands the rows written so far to exceljs' worksheet stream. */
  flush(): void {
    if (this.pending === '') return;
    this.sheet.stream.write(this.pending);
    this.pending = '';
  }
}
