import type ExcelJS from 'exceljs';
import type { CheckResult, CheckUnit } from '../../domain/policy/check-result.js';
import type { ReviewModel } from '../../domain/review/review-model.js';
import { date, decimal, STYLE, text } from '../cells.js';
import { CHECK_STATUS, COVER, HEADERS, labelOf, type Lang, SHEET, SUBJECT_TYPE, UNIT } from '../labels.js';
import { type CellInput, type SheetContext, type TableColumn, writeTable } from '../table-sheet.js';

/** The cover (封面): who, what, as of when, under which policy pack; then the rule checks. */
export async function writeCoverSheet(ctx: SheetContext, model: ReviewModel): Promise<void> {
  const { lang } = ctx;
  const pack = model.policyPack;
  const entries: Array<[string, CellInput, Partial<ExcelJS.Style>?]> = [
    [COVER.fofCode[lang], text(model.fof.code)],
    [COVER.fofName[lang], text(model.fof.name)],
    [COVER.jurisdiction[lang], text(model.fof.jurisdiction)],
    [COVER.asOf[lang], date(model.asOf), STYLE.date],
    // Instants stay ISO 8601 text: a cell date has no time zone.
    [COVER.knownAt[lang], text(model.knownAt ?? COVER.knownAtAll[lang])],
    [COVER.packId[lang], text(pack?.id ?? COVER.noPack[lang])],
    [COVER.instrument[lang], text(pack?.instrument ?? '')],
    [COVER.packTitle[lang], text(pack?.title ?? '')],
    [COVER.revision[lang], pack?.revision ?? null, STYLE.integer],
    [COVER.generatedAt[lang], text(model.generatedAt)],
    [COVER.generatedBy[lang], text(model.generatedBy)],
    [COVER.units[lang], COVER.yuan[lang]],
    [COVER.formulas[lang], COVER.formulasNote[lang], STYLE.wrap],
    [COVER.escapeNote[lang], COVER.escapeNoteText[lang], STYLE.wrap],
  ];
  const columns: TableColumn[] = [
    { header: COVER.field[lang], width: 22 },
    { header: COVER.value[lang], width: 70 },
  ];
  await writeTable(ctx, SHEET.cover[lang], columns, entries, ([k, v, style]) => ({ values: [k, v], styles: [undefined, style] }));
}

/** Ratio, yuan or years: the number format of a check figure in that unit. */
function unitStyle(unit: CheckUnit | undefined, ruleId: string): Partial<ExcelJS.Style> {
  switch (unit) {
    case 'yuan':
      return STYLE.yuan;
    case 'years':
      return STYLE.years;
    case 'ratio':
      // A match ratio (1:1) is a multiple, not a share.
      return ruleId === 'ma-match-ratio' ? STYLE.multiple : STYLE.percent;
    default:
      return STYLE.plain;
  }
}

function exceptionText(c: CheckResult): string {
  const e = c.exception;
  return e ? `${e.documentNo} / ${e.approver} / ${e.approvedOn}` : '';
}

function checkColumns(lang: Lang): TableColumn[] {
  const h = HEADERS;
  return [
    { header: h.ruleId[lang], width: 30 },
    { header: h.clause[lang], width: 12 },
    { header: h.subjectType[lang], width: 14 },
    { header: h.subject[lang], width: 28 },
    { header: h.period[lang], width: 8 },
    { header: h.unit[lang], width: 8 },
    { header: h.threshold[lang], width: 16 },
    { header: h.actual[lang], width: 16 },
    { header: h.headroom[lang], width: 18 },
    { header: h.headroomUnit[lang], width: 10 },
    { header: h.checkStatus[lang], width: 10 },
    { header: h.explanation[lang], width: 80, style: STYLE.wrap },
    { header: h.exception[lang], width: 30 },
    { header: h.missingParameter[lang], width: 20 },
  ];
}

/** 规则检查: one row per check, figures as numbers in their unit, explanation in the chosen language. */
export async function writeChecksSheet(ctx: SheetContext, model: ReviewModel): Promise<void> {
  const { lang } = ctx;
  await writeTable(ctx, SHEET.checks[lang], checkColumns(lang), model.checks, (c) => {
    const style = unitStyle(c.unit, c.ruleId);
    const headroomUnit = c.headroomUnit ?? c.unit;
    const values: CellInput[] = [
      text(c.ruleId),
      text(c.clause),
      labelOf(SUBJECT_TYPE, c.subject.type, lang),
      text(c.subject.label),
      text(c.subject.period ?? ''),
      UNIT[c.unit][lang],
      decimal(c.threshold),
      decimal(c.actual),
      decimal(c.headroom),
      UNIT[headroomUnit][lang],
      labelOf(CHECK_STATUS, c.status, lang),
      text(c.explanation[lang]),
      text(exceptionText(c)),
      text(c.missingParameter ?? ''),
    ];
    const styles = values.map((_, i) => (i === 6 || i === 7 ? style : i === 8 ? unitStyle(headroomUnit, c.ruleId) : undefined));
    return { values, styles };
  });
}
