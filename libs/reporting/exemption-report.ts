import ExcelJS from 'exceljs';
import type { ExemptionCase, TrailEntry } from '../domain/exemption/case.js';
import type { ExemptionReportModel } from '../domain/exemption/report-model.js';
import { ROLE, SUB_FUND_CATEGORY } from '../domain/ledger/vocabulary.js';
import type { ExemptionItem } from '../domain/policy/policy-pack.js';
import { Backpressure } from './backpressure.js';
import { date, decimal, formula, STYLE, text, yuan } from './cells.js';
import {
  CONCLUSION_LABEL,
  COVER_FIELDS,
  DRAFT_MARKER,
  EXEMPTION_HEADERS as H,
  EXEMPTION_SHEET,
  FACT_ROWS as F,
  PERFORMED_LABEL,
  PRESENT_LABEL,
  REPORT,
  STATE_LABEL,
  TOLERANCE_SOURCE_LABEL,
  TRAIL_ACTION_LABEL,
  TRIGGER_LABEL,
} from './exemption-labels.js';
import { CATEGORY, labelOf, type Lang, STAGE, SUBJECT_TYPE } from './labels.js';
import { type CellInput, TableSheet, type TableColumn, type Workbook } from './table-sheet.js';

export interface ExemptionReportOptions {
  /** Chinese by default in the callers; English on request. */
  lang: Lang;
}

type Style = Partial<ExcelJS.Style>;
type Row = { values: CellInput[]; styles?: Array<Style | undefined> };
type Ctx = { wb: Workbook; lang: Lang };

/** Styles of this report only; shared objects, never mutated (see cells.ts STYLE). */
const TITLE: Style = { font: { bold: true, size: 16 } };
const MARKER: Style = { font: { bold: true, size: 14, color: { argb: 'FFC00000' } }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } } };
const BOLD: Style = { font: { bold: true } };

/** Page header/footer codes start with &: a literal & is doubled. */
const hf = (s: string) => s.replace(/&/g, '&&');

/**
 * One key/value or list table on its own sheet (TableSheet: bold frozen header, autoFilter), printed
 * landscape with the case number and page numbers in the footer and, until the case is APPROVED, the
 * draft marker in the header of every printed page.
 */
function table(ctx: Ctx, model: ExemptionReportModel, name: string, columns: TableColumn[], rows: Row[]): void {
  const sheet = new TableSheet(ctx.wb, name, columns);
  const ws = sheet.worksheet;
  const draft = model.case.state !== 'APPROVED';
  ws.headerFooter = {
    ...ws.headerFooter,
    oddHeader: draft ? `&C&"-,Bold"&14&KC00000${hf(DRAFT_MARKER)}` : `&C${hf(REPORT.title[ctx.lang])}`,
    oddFooter: `&L${hf(model.case.caseNo)}&C&P / &N&R${hf(model.generatedAt)}`,
  };
  ws.pageSetup.orientation = 'landscape';
  for (const r of rows) sheet.add(r.values, r.styles);
  sheet.close();
}

const pair = (label: string, value: CellInput, style?: Style): Row => ({ values: [label, value], styles: [undefined, style] });

function itemOf(list: readonly ExemptionItem[], code: string): ExemptionItem {
  return list.find((i) => i.code === code) ?? { code, zh: code, en: code };
}

function lastAt(trail: readonly TrailEntry[], action: TrailEntry['action']): string {
  return [...trail].reverse().find((e) => e.action === action)?.at ?? '';
}

function categoryOrStage(c: ExemptionCase, lang: Lang): string {
  const map = c.subject.type === 'SUB_FUND' ? CATEGORY : STAGE;
  return labelOf(map, c.subject.categoryOrStage, lang);
}

function toleranceSourceText(c: ExemptionCase, lang: Lang): string {
  const f = c.facts;
  if (f.toleranceSource !== 'INHERITED_FROM_SOURCE_FUND' || !f.sourceFund) return REPORT.ownTolerance[lang];
  const cat = labelOf(SUB_FUND_CATEGORY.labels, f.sourceFund.category, lang);
  return lang === 'zh'
    ? `承接自${cat}「${f.sourceFund.label}」，沿用其容忍度（§二(一)4）`
    : `${TOLERANCE_SOURCE_LABEL.INHERITED_FROM_SOURCE_FUND.en}: ${cat} “${f.sourceFund.label}” (§二(一)4)`;
}

function coverRows(m: ExemptionReportModel, lang: Lang): Row[] {
  const c = m.case;
  const C = COVER_FIELDS;
  const approved = c.state === 'APPROVED';
  return [
    pair(C.report[lang], REPORT.title[lang], TITLE),
    pair(C.marker[lang], approved ? REPORT.approved[lang] : DRAFT_MARKER, approved ? BOLD : MARKER),
    pair(C.caseNo[lang], text(c.caseNo)),
    pair(C.fofCode[lang], text(m.fof.code)),
    pair(C.fofName[lang], text(m.fof.name)),
    pair(C.jurisdiction[lang], text(m.fof.jurisdiction)),
    pair(C.subject[lang], text(c.subject.label)),
    pair(C.subjectType[lang], labelOf(SUBJECT_TYPE, c.subject.type, lang)),
    pair(C.categoryOrStage[lang], text(categoryOrStage(c, lang))),
    pair(C.trigger[lang], labelOf(TRIGGER_LABEL, c.trigger, lang)),
    pair(C.caseDate[lang], date(c.caseDate), STYLE.date),
    // Instants stay ISO 8601 text: a cell date has no time zone.
    pair(C.openedAt[lang], text(lastAt(c.trail, 'CREATE'))),
    pair(C.submittedAt[lang], text(lastAt(c.trail, 'SUBMIT'))),
    pair(C.decidedAt[lang], text(c.decision?.decidedAt ?? '')),
    pair(C.state[lang], labelOf(STATE_LABEL, c.state, lang)),
    pair(C.computed[lang], labelOf(CONCLUSION_LABEL, c.computed.conclusion, lang)),
    pair(C.final[lang], c.decision ? labelOf(CONCLUSION_LABEL, c.decision.conclusion, lang) : REPORT.notDecided[lang], BOLD),
    pair(C.packId[lang], text(m.policyPack.id)),
    pair(C.instrument[lang], text(m.policyPack.instrument)),
    pair(C.revision[lang], m.policyPack.revision, STYLE.integer),
    pair(C.generatedAt[lang], text(m.generatedAt)),
    pair(C.generatedBy[lang], text(m.generatedBy)),
    pair(C.units[lang], C.yuan[lang]),
    pair(C.formulas[lang], C.formulasNote[lang], STYLE.wrap),
    pair(C.escape[lang], C.escapeNote[lang], STYLE.wrap),
  ];
}

/**
 * 事实与数据. Rows are fixed so the formulas can name their cells: B2 invested, B3 recovered,
 * B4 remaining value, B5 loss, B6 loss ratio, B7 tolerance, B8 tolerance amount.
 */
function factRows(c: ExemptionCase, lang: Lang): Row[] {
  const f = c.facts;
  const row = (label: string, value: CellInput, style: Style | undefined, note: string): Row => ({ values: [label, value, note], styles: [undefined, style, STYLE.wrap] });
  const within = c.computed.withinTolerance;
  return [
    row(F.invested[lang], yuan(f.invested), STYLE.yuan, F.investedNote[lang]),
    row(F.recovered[lang], yuan(f.recovered), STYLE.yuan, F.recoveredNote[lang]),
    row(F.remainingValue[lang], yuan(f.remainingValue), STYLE.yuan, F.remainingNote[lang]),
    row(F.loss[lang], formula('MAX(0,B2-B3-B4)', yuan(f.loss)), STYLE.yuan, F.lossNote[lang]),
    row(F.lossRatio[lang], formula('IFERROR(B5/B2,"")', decimal(f.lossRatio)), STYLE.percent, F.lossRatioNote[lang]),
    row(F.tolerance[lang], decimal(f.tolerance), STYLE.percent, text(toleranceSourceText(c, lang)) ?? ''),
    row(F.toleranceAmount[lang], f.tolerance === null ? null : formula('ROUNDDOWN(B2*B7,2)', c.computed.toleranceAmount === null ? null : yuan(c.computed.toleranceAmount)), STYLE.yuan, F.toleranceAmountNote[lang]),
    row(F.within[lang], within === null ? REPORT.unknown[lang] : within ? REPORT.yes[lang] : REPORT.no[lang], undefined, F.withinNote[lang]),
    row(F.source[lang], labelOf(TOLERANCE_SOURCE_LABEL, f.toleranceSource, lang), undefined, text(toleranceSourceText(c, lang)) ?? ''),
    row(F.rule[lang], text(f.ruleId ?? ''), undefined, ''),
    row(F.clause[lang], text(f.clause ?? ''), undefined, ''),
    row(F.pack[lang], text(`${f.packId} ${REPORT.version[lang]} ${f.packRevision ?? '—'}`), undefined, ''),
    row(F.caseDate[lang], date(c.caseDate), STYLE.date, ''),
  ];
}

/** 尽职清单 with the evidence index: one row per evidence document, an item without evidence on one row. */
function checklistRows(m: ExemptionReportModel, lang: Lang): Row[] {
  const rows: Row[] = [];
  let evidenceNo = 0;
  m.case.checklist.forEach((a, i) => {
    const item = itemOf(m.items.checklist, a.code);
    const head: CellInput[] = [i + 1, text(a.code), text(item[lang]), PERFORMED_LABEL[`${a.performed}`][lang], text(a.note), text(item.source ?? '')];
    if (a.evidence.length === 0) rows.push({ values: [...head, null, null, null, null, null, null, null, null] });
    for (const e of a.evidence)
      rows.push({
        values: [...head, ++evidenceNo, text(e.title), text(e.documentNo), date(e.date), text(e.fileName ?? ''), text(e.sha256 ?? ''), e.size ?? null, text(e.mimeType ?? '')],
      });
  });
  return rows;
}

function presenceRows(list: ExemptionCase['negativeList'], items: readonly ExemptionItem[], lang: Lang): Row[] {
  return list.map((a, i) => {
    const item = itemOf(items, a.code);
    return { values: [i + 1, text(a.code), text(item[lang]), PRESENT_LABEL[`${a.present}`][lang], text(a.note), text(item.source ?? '')] };
  });
}

/** 结论: the computed conclusion beside the final decision, then the computed reasons. */
function conclusionRows(c: ExemptionCase, lang: Lang): Row[] {
  const k = c.computed;
  const d = c.decision;
  const money = (v: string | null | undefined) => (v == null ? null : yuan(v));
  const row = (label: string, computed: CellInput, final: CellInput, code: string, style?: Style): Row => ({ values: [label, computed, final, code], styles: [undefined, style, style, undefined] });
  const rows: Row[] = [
    row(H.conclusion[lang], labelOf(CONCLUSION_LABEL, k.conclusion, lang), d ? labelOf(CONCLUSION_LABEL, d.conclusion, lang) : REPORT.notDecided[lang], k.conclusion, BOLD),
    row(H.row[lang], text(k.rowId), d ? (d.overridden ? REPORT.overridden[lang] : REPORT.confirmed[lang]) : null, d ? d.conclusion : ''),
    row(H.exempt[lang], money(k.exemptAmount), money(d?.exemptAmount), '', STYLE.yuan),
    row(H.nonExempt[lang], money(k.nonExemptAmount), money(d?.nonExemptAmount), '', STYLE.yuan),
    row(H.toleranceAmount[lang], money(k.toleranceAmount), null, '', STYLE.yuan),
    row(H.overrideReason[lang], null, text(d?.overrideReason ?? ''), '', STYLE.wrap),
    row(H.decidedBy[lang], null, d ? text(`${d.decidedBy.name}（${labelOf(ROLE.labels, d.decidedBy.role, lang)}）`) : null, ''),
    row(H.decidedAt[lang], null, text(d?.decidedAt ?? ''), ''),
  ];
  k.reasons.forEach((r, i) => rows.push(row(`${H.reason[lang]} ${i + 1}`, text(r[lang]), null, text(r.code) ?? '', STYLE.wrap)));
  return rows;
}

function trailRows(c: ExemptionCase, lang: Lang): Row[] {
  return c.trail.map((e, i) => ({
    values: [
      i + 1,
      text(e.at),
      text(e.actor.name),
      labelOf(ROLE.labels, e.actor.role, lang),
      labelOf(TRAIL_ACTION_LABEL, e.action, lang),
      e.from ? labelOf(STATE_LABEL, e.from, lang) : null,
      labelOf(STATE_LABEL, e.to, lang),
      text(e.comment),
      text(e.overrideReason),
    ],
  }));
}

function basisRows(m: ExemptionReportModel, lang: Lang): Row[] {
  const C = COVER_FIELDS;
  const p = m.policyPack;
  return [
    { values: [C.packId[lang], text(p.id), text(p.title)] },
    { values: [C.instrument[lang], text(p.instrument), ''] },
    { values: [C.revision[lang], p.revision, ''] },
    { values: [F.rule[lang], text(m.case.facts.ruleId ?? ''), text(m.case.facts.clause ?? '')] },
    ...m.clauses.map((cl) => ({ values: [H.appliedClause[lang], text(cl.clause), text(cl.text[lang])], styles: [undefined, undefined, STYLE.wrap] })),
  ];
}

const cols = (lang: Lang, spec: Array<[{ zh: string; en: string }, number, Style?]>): TableColumn[] =>
  spec.map(([label, width, style]) => ({ header: label[lang], width, ...(style ? { style } : {}) }));

/**
 * Writes the exemption assessment report (尽职免责评估报告) to `out`: 封面 · 事实与数据 · 尽职清单 ·
 * 负面清单 · 客观原因 · 结论 · 审批记录 · 政策依据 (Cover · Facts · Checklist · NegativeList ·
 * ObjectiveCauses · Conclusion · ApprovalTrail · PolicyBasis with lang 'en'). The report is small; it
 * goes through the same streaming writer and helpers as the review workbook (cells.ts, table-sheet.ts).
 * On rejection the output is incomplete: the caller discards or destroys it.
 */
export async function writeExemptionReport(report: ExemptionReportModel, out: NodeJS.WritableStream, opts: ExemptionReportOptions): Promise<void> {
  const { lang } = opts;
  if (lang !== 'zh' && lang !== 'en') throw new RangeError(`lang must be zh or en, not ${JSON.stringify(lang)}`);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out as unknown as import('node:stream').Stream, useStyles: true, useSharedStrings: false });
  wb.creator = report.generatedBy;
  wb.lastModifiedBy = report.generatedBy;
  wb.title = `${REPORT.title[lang]} ${report.case.caseNo}`;
  const generated = new Date(report.generatedAt);
  if (!Number.isNaN(generated.getTime())) wb.created = wb.modified = generated;
  const bp = new Backpressure(wb, out);
  const ctx: Ctx = { wb, lang };
  const S = EXEMPTION_SHEET;
  const c = report.case;
  const presenceCols = cols(lang, [[H.index, 6], [H.code, 24], [H.item, 30, STYLE.wrap], [H.present, 10], [H.note, 40, STYLE.wrap], [H.source, 40, STYLE.wrap]]);

  table(ctx, report, S.cover[lang], cols(lang, [[COVER_FIELDS.field, 22], [COVER_FIELDS.value, 70]]), coverRows(report, lang));
  table(ctx, report, S.facts[lang], cols(lang, [[F.item, 24], [F.value, 20], [F.note, 60]]), factRows(c, lang));
  table(
    ctx,
    report,
    S.checklist[lang],
    cols(lang, [
      [H.index, 6], [H.code, 26], [H.duty, 30, STYLE.wrap], [H.performed, 10], [H.note, 30, STYLE.wrap], [H.source, 24, STYLE.wrap], [H.evidenceNo, 8],
      [H.evidenceTitle, 30, STYLE.wrap], [H.documentNo, 22], [H.date, 12, STYLE.date], [H.fileName, 24], [H.sha256, 66], [H.size, 12, STYLE.integer], [H.mimeType, 24],
    ]),
    checklistRows(report, lang),
  );
  table(ctx, report, S.negativeList[lang], presenceCols, presenceRows(c.negativeList, report.items.negativeList, lang));
  table(ctx, report, S.causes[lang], presenceCols, presenceRows(c.objectiveCauses, report.items.objectiveCauses, lang));
  table(ctx, report, S.conclusion[lang], cols(lang, [[H.basisItem, 16], [H.computed, 60], [H.final, 40], [H.code, 34]]), conclusionRows(c, lang));
  table(
    ctx,
    report,
    S.trail[lang],
    cols(lang, [[H.index, 6], [H.at, 26], [H.actor, 14], [H.role, 18], [H.action, 10], [H.from, 16], [H.to, 16], [H.comment, 40, STYLE.wrap], [H.overrideReason, 40, STYLE.wrap]]),
    trailRows(c, lang),
  );
  table(ctx, report, S.basis[lang], cols(lang, [[H.basisItem, 16], [H.reference, 26], [H.content, 80, STYLE.wrap]]), basisRows(report, lang));
  bp.check();
  await bp.guard(wb.commit());
}
