import type { BusinessDate } from '../../money/business-date.js';
import { Decimal } from '../../money/decimal.js';
import type { DueDiligenceStatus, PolicyFacts, PositionFigures, SubFundCategory, SubFundFacts } from '../facts.js';
import type { Bilingual, CheckResult, CheckSubject, RuleContext, RuleId } from '../check-result.js';
import type { LossBasis, LossCondition, LossMeasuredAt, LossScope } from '../parameter-catalog.js';
import type { ResolvedParameter, ResolvedParameters } from '../policy-pack.js';
import {
  CATEGORY_ZH,
  applyExceptions,
  decimalParam,
  enumParam,
  floorFen,
  judgeShareUpper,
  listParam,
  lossOf,
  missingParameter,
  pct,
  result,
  sumFigures,
  warnMarginOf,
  yuanEn,
  yuanZh,
  type Verdict,
} from '../rule-kit.js';

/** A loss tolerance as the pack states it (domain.md: scope, basis, measuredAt, maxLossRatio, conditions). */
export interface ToleranceSpec {
  scope: LossScope;
  basis: LossBasis;
  measuredAt: LossMeasuredAt;
  conditions: readonly LossCondition[];
  maxLossRatio: Decimal;
  clause: string | null;
  from: string | null;
}

export type ToleranceRead = { ok: true; spec: ToleranceSpec } | { ok: false; p: ResolvedParameter };

/** Reads a tolerance group; the first missing field (the ratio first) makes it unusable. */
export function readTolerance(params: ResolvedParameters, prefix: string, ratioKey: string): ToleranceRead {
  const ratio = decimalParam(params, `${prefix}.${ratioKey}`);
  if (!ratio.ok) return { ok: false, p: ratio.p };
  const scope = enumParam<LossScope>(params, `${prefix}.scope`);
  if (!scope.ok) return { ok: false, p: scope.p };
  const basis = enumParam<LossBasis>(params, `${prefix}.basis`);
  if (!basis.ok) return { ok: false, p: basis.p };
  const measuredAt = enumParam<LossMeasuredAt>(params, `${prefix}.measuredAt`);
  if (!measuredAt.ok) return { ok: false, p: measuredAt.p };
  const conditions = listParam<LossCondition>(params, `${prefix}.conditions`);
  if (!conditions.ok) return { ok: false, p: conditions.p };
  return {
    ok: true,
    spec: {
      scope: scope.value,
      basis: basis.value,
      measuredAt: measuredAt.value,
      conditions: conditions.value,
      maxLossRatio: ratio.value,
      clause: ratio.p.clause,
      from: ratio.p.from,
    },
  };
}

/** What is judged: one position or a pool, with its figures as of the date. */
export interface LossUnit {
  subject: CheckSubject;
  figures: PositionFigures;
  /** Liquidated, exited or written off by the as-of date. */
  liquidated: boolean;
  dueDiligence?: DueDiligenceStatus | null;
  /** Denominator under basis CATEGORY_TOTAL. */
  categoryTotal?: Decimal;
  /** Said before the figures, e.g. that a hand-off keeps its source's tolerance. */
  preface?: Bilingual;
}

const BASIS_TEXT: Record<LossBasis, Bilingual> = {
  PAID_IN: { zh: '实缴出资', en: 'paid-in' },
  CATEGORY_TOTAL: { zh: '该类别投资总额', en: 'the category total' },
};

/** All members passed → PASSED; any failed → FAILED; otherwise PENDING (only members with a loss count). */
export function poolDueDiligence(members: readonly { figures: PositionFigures; dueDiligence?: DueDiligenceStatus | null }[]): DueDiligenceStatus {
  const relevant = members.filter((m) => lossOf(m.figures).loss.gt(0));
  if (relevant.some((m) => m.dueDiligence === 'FAILED')) return 'FAILED';
  return relevant.every((m) => m.dueDiligence === 'PASSED') ? 'PASSED' : 'PENDING';
}

export function isLiquidated(sf: SubFundFacts, asOf: BusinessDate): boolean {
  return sf.status === 'LIQUIDATED' && (sf.liquidatedOn == null || sf.liquidatedOn <= asOf);
}

/**
 * Judges one unit's loss against a tolerance: ratio = loss / (paid-in or category total), FAIL above
 * maxLossRatio, WARN from warnMargin of it. Headroom: the further loss the tolerance still allows.
 * AT_LIQUIDATION: not judged before liquidation (the loss to date is shown). A condition
 * DUE_DILIGENCE_ASSESSMENT_PASSED: with a loss, a failed assessment fails and a missing one warns.
 */
export function judgeLoss(ruleId: RuleId, ctx: RuleContext, unit: LossUnit, spec: ToleranceSpec, margin: Decimal | null): CheckResult {
  const base = { ruleId, ctx, subject: unit.subject, clause: spec.clause ?? '§二(一)5', parameterVersionFrom: spec.from };
  const pre = unit.preface ?? { zh: '', en: '' };
  const { loss, paidIn } = lossOf(unit.figures);
  const den = spec.basis === 'CATEGORY_TOTAL' && unit.categoryTotal ? unit.categoryTotal : paidIn;
  const basis = BASIS_TEXT[spec.basis === 'CATEGORY_TOTAL' && unit.categoryTotal ? 'CATEGORY_TOTAL' : 'PAID_IN'];
  if (den.isZero())
    return result(base, { status: 'NOT_APPLICABLE', unit: 'ratio', text: { zh: `${pre.zh}尚无实缴出资，无从计算亏损率`, en: `${pre.en}Nothing paid in: no loss ratio` } });

  const ratio = loss.div(den);
  const max = spec.maxLossRatio;
  const figures = { zh: `亏损 ${yuanZh(loss)}，占${basis.zh} ${yuanZh(den)} 的 ${pct(ratio)}`, en: `loss ${yuanEn(loss)} is ${pct(ratio)} of ${basis.en} ${yuanEn(den)}` };
  if (spec.measuredAt === 'AT_LIQUIDATION' && !unit.liquidated)
    return result(base, {
      status: 'NOT_APPLICABLE',
      unit: 'ratio',
      threshold: max,
      actual: ratio,
      text: {
        zh: `${pre.zh}容忍度于清算时判断，尚未清算（截至 ${ctx.asOf}：${figures.zh}；容忍上限 ${pct(max)}）`,
        en: `${pre.en}Tolerance is judged at liquidation, not reached yet (to ${ctx.asOf}: ${figures.en}; tolerance ${pct(max)})`,
      },
    });

  let verdict: Verdict = judgeShareUpper(loss, den, max, margin);
  const headroom = floorFen(max.times(den).minus(loss));
  const when = unit.liquidated ? { zh: '清算时', en: 'at liquidation' } : { zh: `全生命周期截至 ${ctx.asOf}`, en: `lifecycle to ${ctx.asOf}` };
  let condition = { zh: '', en: '' };
  if (spec.conditions.includes('DUE_DILIGENCE_ASSESSMENT_PASSED') && loss.gt(0)) {
    if (unit.dueDiligence === 'PASSED') condition = { zh: '；尽责评估已通过', en: '; due-diligence assessment passed' };
    else if (unit.dueDiligence === 'FAILED') {
      verdict = 'FAIL';
      condition = { zh: '；容忍以尽责评估通过为条件，评估未通过', en: '; the tolerance requires a passed due-diligence assessment, which failed' };
    } else {
      if (verdict !== 'FAIL') verdict = 'WARN';
      condition = { zh: '；容忍以尽责评估通过为条件，评估尚未完成', en: '; the tolerance requires a passed due-diligence assessment, still pending' };
    }
  }
  const word = { FAIL: ['超过', 'exceeds'], WARN: ['接近', 'is close to'], PASS: ['未超过', 'is within'] }[judgeShareUpper(loss, den, max, margin)];
  const room = headroom.gte(0)
    ? { zh: `尚可承受亏损 ${yuanZh(headroom)}`, en: `${yuanEn(headroom)} more loss tolerated` }
    : { zh: `超出 ${yuanZh(headroom.neg())}`, en: `${yuanEn(headroom.neg())} beyond it` };
  return result(base, {
    status: verdict,
    unit: 'ratio',
    threshold: max,
    actual: ratio,
    headroom,
    headroomUnit: 'yuan',
    text: {
      zh: `${pre.zh}${figures.zh}，${word[0]}容忍上限 ${pct(max)}（${when.zh}；${room.zh}${condition.zh}）`,
      en: `${pre.en}${figures.en}, which ${word[1]} the ${pct(max)} tolerance (${when.en}; ${room.en}${condition.en})`,
    },
  });
}

/**
 * The seed-fund and angel-fund tolerances (§二(一)5), at the level the pack names: each sub-fund of the
 * category (SUB_FUND), each of their projects (PROJECT), the category pool (CATEGORY, netted), or the whole
 * FoF (FOF, netted). Hand-offs from a fund of the category keep its tolerance (§二(一)4) and are judged one
 * by one on their own paid-in, wherever they sit.
 */
export function fundLossTolerance(ruleId: RuleId, category: SubFundCategory, prefix: string, facts: PolicyFacts, params: ResolvedParameters, ctx: RuleContext): CheckResult[] {
  const margin = warnMarginOf(params);
  const read = readTolerance(params, prefix, 'maxLossRatio');
  const members = facts.subFunds.filter((sf) => sf.category === category);
  const memberIds = new Set(members.map((m) => m.id));
  const handoffs = facts.projectInvestments.filter((pi) => pi.handoff && pi.sourceFundCategory === category && pi.investedOn <= ctx.asOf);
  const catZh = CATEGORY_ZH[category] ?? category;
  const fundSubject = (sf: SubFundFacts): CheckSubject => ({ type: 'SUB_FUND', id: sf.id, label: sf.label });
  const handoffSubject = (pi: (typeof handoffs)[number]): CheckSubject => ({ type: 'PROJECT_INVESTMENT', id: pi.id, label: `${pi.label}（承接自${catZh}）` });

  if (!read.ok) {
    const subjects = [...members.map(fundSubject), ...handoffs.map(handoffSubject)];
    return subjects.map((subject) => missingParameter({ ruleId, ctx, subject, clause: read.p.clause ?? '§二(一)5' }, read.p, params.date));
  }
  const spec = read.spec;
  const memberUnits: LossUnit[] = members.map((sf) => ({
    subject: fundSubject(sf),
    figures: sf.fofPosition,
    liquidated: isLiquidated(sf, ctx.asOf),
    dueDiligence: sf.dueDiligence ?? null,
  }));
  const categoryTotal = memberUnits.reduce((acc, u) => acc.plus(u.figures.paidIn), new Decimal(0));
  const units: LossUnit[] = [];
  if (spec.scope === 'SUB_FUND') units.push(...memberUnits.map((u) => ({ ...u, categoryTotal })));
  else if (spec.scope === 'PROJECT') {
    const projects = facts.projectInvestments.filter((pi) => memberIds.has(pi.subFundId) && pi.figures && pi.investedOn <= ctx.asOf);
    // Under CATEGORY_TOTAL a project's loss is set against all the category's projects' cost.
    const projectTotal = projects.reduce((acc, pi) => acc.plus(pi.figures!.paidIn), new Decimal(0));
    for (const pi of projects)
      units.push({
        subject: { type: 'PROJECT_INVESTMENT', id: pi.id, label: pi.label },
        figures: pi.figures!,
        liquidated: pi.exitedOn != null && pi.exitedOn <= ctx.asOf,
        dueDiligence: pi.dueDiligence ?? null,
        categoryTotal: projectTotal,
      });
  } else if (spec.scope === 'CATEGORY' && memberUnits.length > 0)
    units.push({
      subject: { type: 'CATEGORY', id: `SUB_FUND:${category}`, label: `${catZh}（全部）` },
      figures: sumFigures(memberUnits.map((u) => u.figures)),
      liquidated: memberUnits.every((u) => u.liquidated),
      dueDiligence: poolDueDiligence(memberUnits),
    });
  else if (spec.scope === 'FOF') {
    const all = [
      ...facts.subFunds.map((sf) => ({ figures: sf.fofPosition, dueDiligence: sf.dueDiligence ?? null, liquidated: isLiquidated(sf, ctx.asOf) })),
      ...facts.directInvestments.map((d) => ({ figures: d.figures, dueDiligence: d.dueDiligence ?? null, liquidated: d.exitedOn != null && d.exitedOn <= ctx.asOf })),
    ];
    if (all.length > 0)
      units.push({
        subject: { type: 'FOF', id: facts.fof.id, label: facts.fof.label },
        figures: sumFigures(all.map((u) => u.figures)),
        liquidated: all.every((u) => u.liquidated),
        dueDiligence: poolDueDiligence(all),
      });
  }

  const results = units.map((u) => judgeLoss(ruleId, ctx, u, spec, margin));
  const preface = { zh: `承接项目沿用${catZh}容错政策（§二(一)4）：`, en: `Hand-off keeps the ${category} fund tolerance (§二(一)4): ` };
  for (const pi of handoffs) {
    const subject = handoffSubject(pi);
    if (!pi.figures) {
      results.push(
        result(
          { ruleId, ctx, subject, clause: spec.clause ?? '§二(一)5', parameterVersionFrom: spec.from },
          { status: 'NOT_APPLICABLE', unit: 'ratio', text: { zh: `${preface.zh}缺少该项目的投资与回收数据`, en: `${preface.en}no figures for the project` } },
        ),
      );
      continue;
    }
    const liquidated = pi.exitedOn != null && pi.exitedOn <= ctx.asOf;
    // A hand-off is judged on its own paid-in: the source fund's pool is not where the money sits.
    results.push(judgeLoss(ruleId, ctx, { subject, figures: pi.figures, liquidated, dueDiligence: pi.dueDiligence ?? null, preface }, { ...spec, basis: 'PAID_IN' }, margin));
  }
  return applyExceptions(facts.exceptions, ctx.asOf, results);
}
