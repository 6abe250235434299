import type { FigureSet } from '../domain/figures/position-figures.js';
import { columnLetter, decimal, formula, irrCell, STYLE, text, type XirrRange, yuan } from './cells.js';
import { FIGURE_HEADERS, IRR_NOTE, type Lang } from './labels.js';
import type { CellInput, TableColumn } from './table-sheet.js';

/**
 * The figure columns (domain brief, "Figures") shared by the portfolio, category, vintage and
 * position sheets. Stored amounts are values; everything derived from them is a formula over
 * the same row, with the read model's figure as cached result:
 *   unfunded   = commitment − paidIn
 *   dpi        = distributed / paidIn          rvpi = nav / paidIn
 *   tvpi       = (distributed + nav) / paidIn
 *   loss       = MAX(0, paidIn − distributed − nav)      lossRatio = loss / paidIn
 *   valueAdded = MAX(0, distributed + nav − paidIn)
 *   irr        = XIRR(amounts, dates) over the position's (or the group's) cash-flow block
 * A ratio over a zero paid-in is null in the read model and "" in the cell (IFERROR).
 */

export function figureColumns(lang: Lang): TableColumn[] {
  const h = FIGURE_HEADERS;
  return [
    { header: h.commitment[lang], width: 18, style: STYLE.yuan },
    { header: h.paidIn[lang], width: 18, style: STYLE.yuan },
    { header: h.distributed[lang], width: 18, style: STYLE.yuan },
    { header: h.nav[lang], width: 18, style: STYLE.yuan },
    { header: h.unfunded[lang], width: 18, style: STYLE.yuan },
    { header: h.dpi[lang], width: 10, style: STYLE.multiple },
    { header: h.rvpi[lang], width: 10, style: STYLE.multiple },
    { header: h.tvpi[lang], width: 10, style: STYLE.multiple },
    { header: h.irr[lang], width: 14, style: STYLE.percent },
    { header: h.irrNote[lang], width: 24 },
    { header: h.loss[lang], width: 18, style: STYLE.yuan },
    { header: h.lossRatio[lang], width: 10, style: STYLE.percent },
    { header: h.valueAdded[lang], width: 18, style: STYLE.yuan },
  ];
}

/**
 * Why there is no IRR; or that it may be one of several, and how a spreadsheet reaches it when not
 * from XIRR's default guess; an empty cell otherwise.
 */
function irrNote(f: FigureSet, lang: Lang): string | null {
  const notes =
    f.irr === null
      ? [IRR_NOTE[f.irrReason][lang]]
      : [
          f.irrMultipleRoots ? IRR_NOTE[f.irrSpreadsheet === 'DEFAULT' ? 'MULTIPLE_ROOTS' : 'MULTIPLE_ROOTS_OTHER'][lang] : '',
          f.irrSpreadsheet === 'GUESS' ? IRR_NOTE.SPREADSHEET_GUESS[lang] : f.irrSpreadsheet === 'UNREACHABLE' ? IRR_NOTE.SPREADSHEET_UNREACHABLE[lang] : '',
        ];
  const note = notes.filter((n) => n !== '').join(lang === 'zh' ? '；' : '; ');
  return note === '' ? null : text(note);
}

/**
 * The 13 figure cells of one row. `first` is the 1-based column of commitment, `row` the
 * row being written.
 */
export function figureCells(f: FigureSet, row: number, first: number, lang: Lang, irrRange: XirrRange | undefined): CellInput[] {
  const at = (offset: number) => `${columnLetter(first + offset)}${row}`;
  const [C, P, D, N, L] = [at(0), at(1), at(2), at(3), at(10)];
  return [
    yuan(f.commitment),
    yuan(f.paidIn),
    yuan(f.distributed),
    yuan(f.nav),
    formula(`${C}-${P}`, yuan(f.unfunded)),
    formula(`IFERROR(${D}/${P},"")`, decimal(f.dpi)),
    formula(`IFERROR(${N}/${P},"")`, decimal(f.rvpi)),
    formula(`IFERROR((${D}+${N})/${P},"")`, decimal(f.tvpi)),
    irrCell(irrRange, f.irr, f.irrSpreadsheet),
    irrNote(f, lang),
    formula(`MAX(0,${P}-${D}-${N})`, yuan(f.loss)),
    formula(`IFERROR(${L}/${P},"")`, decimal(f.lossRatio)),
    formula(`MAX(0,${D}+${N}-${P})`, yuan(f.valueAdded)),
  ];
}
