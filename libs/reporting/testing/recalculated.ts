import { FMT } from '../cells.js';
import { zipEntries } from './zip-entries.js';

/**
 * Compares the formula cells of a workbook as we wrote it (each formula with our cached result, the
 * review's figure) with the same workbook recalculated by a spreadsheet program. A cell agrees when:
 * - a yuan amount (format `#,##0.00`) is within half a fen;
 * - any other number (multiples, shares, XIRR) is within 1e-6, relative above 1: the review gives
 *   ratios to six places (and a rate of 2^365 − 1 to 16 significant digits);
 * - anything else (the `""` of IFERROR) is the same text, an absent result counting as `""`.
 * An error value (`#VALUE!`, `#NUM!`) never agrees.
 */
export interface FormulaDisagreement {
  sheet: string;
  cell: string;
  formula: string;
  cached: unknown;
  recalculated: unknown;
}

export interface RecalculationReport {
  /** Formula cells compared, by kind: XIRR, yuan, other numbers, text. */
  compared: { xirr: number; yuan: number; ratio: number; text: number };
  /** Cells whose recalculated number is not bit-identical to the cached one: proof the program computed them. */
  recomputed: number;
  /** The largest difference seen, by kind (relative to the cached number where that is above 1, as the tolerance). */
  maxDifference: { xirr: number; yuan: number; ratio: number };
  disagreements: FormulaDisagreement[];
}

const YUAN_TOLERANCE = 0.005;
const RATIO_TOLERANCE = 1e-6;

/** A formula cell as read from a file: its formula (ours only), its cached result, its number format. */
export interface FormulaCell {
  formula: string;
  result: unknown;
  numFmt: string | undefined;
}

const BUILTIN_FORMATS: Record<string, string> = { '1': '0', '2': '0.00', '3': '#,##0', '4': '#,##0.00', '9': '0%', '10': '0.00%' };

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const unescapeXml = (s: string): string =>
  s.replace(/&(amp|lt|gt|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g, (_, e: string) =>
    e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );

/** The sheets' names by their part's path (xl/worksheets/sheetN.xml), from workbook.xml and its relationships. */
function sheetNames(entries: Map<string, Buffer>): Map<string, string> {
  const targets = new Map<string, string>();
  for (const [rel] of (entries.get('xl/_rels/workbook.xml.rels')?.toString('utf8') ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const target = attr(rel, 'Target')!.replace(/^\//, '');
    targets.set(attr(rel, 'Id')!, target.startsWith('xl/') ? target : `xl/${target}`);
  }
  const names = new Map<string, string>();
  for (const [sheet] of (entries.get('xl/workbook.xml')?.toString('utf8') ?? '').matchAll(/<sheet\b[^>]*>/g)) {
    const target = targets.get(attr(sheet, 'r:id')!);
    if (target) names.set(target, unescapeXml(attr(sheet, 'name')!));
  }
  return names;
}

/** The number format of each cell style (the `s` attribute of a cell indexes cellXfs). */
function styleFormats(entries: Map<string, Buffer>): string[] {
  const xml = entries.get('xl/styles.xml')?.toString('utf8') ?? '';
  const codes = new Map(Object.entries(BUILTIN_FORMATS));
  for (const [f] of xml.matchAll(/<numFmt\b[^>]*>/g)) codes.set(attr(f, 'numFmtId')!, unescapeXml(attr(f, 'formatCode')!));
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  return [...xfs.matchAll(/<xf\b[^>]*>/g)].map(([xf]) => codes.get(attr(xf, 'numFmtId') ?? '0') ?? 'General');
}

/** A formula's cached result by the cell's type: text, an error, a boolean, a number, or "" when there is none. */
function cachedResult(type: string | undefined, v: string | undefined): unknown {
  if (v === undefined || (v === '' && type !== 'str')) return '';
  if (type === 'str' || type === 'inlineStr') return unescapeXml(v);
  if (type === 'e') return { error: unescapeXml(v) };
  if (type === 'b') return v === '1';
  return Number(v);
}

/**
 * The formula cells of an .xlsx file by `sheet!address`, read straight from its XML parts: exceljs'
 * readers either hold a whole city-scale workbook in memory or, streaming, lose sheet names, cached
 * zeros and error values. A shared formula (as LibreOffice saves a column of alike formulas) gives
 * its result with the formula text left out.
 */
export function readFormulaCells(xlsx: Buffer): Map<string, FormulaCell> {
  const entries = zipEntries(xlsx);
  const names = sheetNames(entries);
  const formats = styleFormats(entries);
  const cells = new Map<string, FormulaCell>();
  for (const [part, sheet] of names) {
    const xml = entries.get(part)?.toString('utf8');
    if (xml === undefined || !xml.includes('<f')) continue;
    for (const [, attrs, body] of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const f = body === undefined ? null : /<f\b[^>]*?(?:\/>|>([\s\S]*?)<\/f>)/.exec(body);
      if (!f) continue;
      const v = /<v\/>|<v>([\s\S]*?)<\/v>/.exec(body!);
      const style = attr(` ${attrs}`, 's');
      cells.set(`${sheet}!${attr(` ${attrs}`, 'r')}`, {
        formula: unescapeXml(f[1] ?? ''),
        result: cachedResult(attr(` ${attrs}`, 't'), v ? (v[1] ?? '') : undefined),
        numFmt: style === undefined ? undefined : formats[Number(style)],
      });
    }
  }
  return cells;
}

export function compareRecalculated(ours: Map<string, FormulaCell>, theirs: Map<string, FormulaCell>): RecalculationReport {
  const report: RecalculationReport = {
    compared: { xirr: 0, yuan: 0, ratio: 0, text: 0 },
    recomputed: 0,
    maxDifference: { xirr: 0, yuan: 0, ratio: 0 },
    disagreements: [],
  };
  for (const [key, f] of ours) {
    const cached = f.result;
    const recalculated = theirs.get(key)?.result ?? '(no formula there)';
    let agrees: boolean;
    if (typeof cached === 'number' && typeof recalculated === 'number') {
      const kind = f.formula.includes('XIRR(') ? 'xirr' : f.numFmt === FMT.yuan ? 'yuan' : 'ratio';
      const d = Math.abs(cached - recalculated);
      report.compared[kind]++;
      report.maxDifference[kind] = Math.max(report.maxDifference[kind], kind === 'yuan' ? d : d / Math.max(1, Math.abs(cached)));
      if (d !== 0) report.recomputed++;
      agrees = d <= (kind === 'yuan' ? YUAN_TOLERANCE : RATIO_TOLERANCE * Math.max(1, Math.abs(cached)));
    } else {
      report.compared.text++;
      agrees = typeof cached !== 'object' && typeof recalculated !== 'object' && String(cached) === String(recalculated);
    }
    if (!agrees) {
      const [sheet, cell] = key.split('!') as [string, string];
      report.disagreements.push({ sheet, cell, formula: f.formula, cached, recalculated });
    }
  }
  return report;
}
