import { addYears, daysBetween, type BusinessDate } from '../money/business-date.js';
import { Decimal } from '../money/decimal.js';
import { formatPercent, formatYuan, toRatio, toYuan } from '../money/money.js';
import type { ApprovedException, PositionFigures } from './facts.js';
import type { Bilingual, CheckResult, CheckStatus, CheckSubject, CheckUnit, RuleContext, RuleId } from './check-result.js';
import { parameterOf, type ResolvedParameter, type ResolvedParameters } from './policy-pack.js';

/** Shared machinery of the rules: parameters, verdicts, headroom, wording. */

export type Got<T> = { ok: true; value: T; p: ResolvedParameter } | { ok: false; p: ResolvedParameter };

/** A decimal parameter (ratio, years, yuan); anything else counts as unset. */
export function decimalParam(params: ResolvedParameters, key: string): Got<Decimal> {
  const p = parameterOf(params, key);
  const numeric = p.unit === 'ratio' || p.unit === 'years' || p.unit === 'yuan';
  return numeric && typeof p.value === 'string' ? { ok: true, value: new Decimal(p.value), p } : { ok: false, p };
}

export function enumParam<T extends string>(params: ResolvedParameters, key: string): Got<T> {
  const p = parameterOf(params, key);
  return typeof p.value === 'string' ? { ok: true, value: p.value as T, p } : { ok: false, p };
}

export function listParam<T extends string = string>(params: ResolvedParameters, key: string): Got<readonly T[]> {
  const p = parameterOf(params, key);
  return Array.isArray(p.value) ? { ok: true, value: p.value as readonly T[], p } : { ok: false, p };
}

/** WARN margin of the pack; unset means no WARN zone. */
export function warnMarginOf(params: ResolvedParameters): Decimal | null {
  const m = decimalParam(params, 'warnMargin');
  return m.ok ? m.value : null;
}

export type Verdict = 'PASS' | 'WARN' | 'FAIL';

/** Against an upper limit: FAIL when actual > limit; WARN when actual ≥ margin × limit. */
export function judgeUpper(actual: Decimal, limit: Decimal, margin: Decimal | null): Verdict {
  if (actual.gt(limit)) return 'FAIL';
  if (actual.isZero()) return 'PASS'; // nothing used, even of a zero limit
  if (margin !== null && actual.gte(margin.times(limit))) return 'WARN';
  return 'PASS';
}

/** A ratio num/den against an upper limit, cross-multiplied so no division rounds the verdict. */
export function judgeShareUpper(num: Decimal, den: Decimal, limit: Decimal, margin: Decimal | null): Verdict {
  return judgeUpper(num, limit.times(den), margin);
}

/** Against a lower limit: FAIL when actual < min; WARN when min ≥ margin × actual (the floor takes ≥ margin of the actual). */
export function judgeShareLower(num: Decimal, den: Decimal, min: Decimal, margin: Decimal | null): Verdict {
  const floor = min.times(den);
  if (num.lt(floor)) return 'FAIL';
  if (margin !== null && floor.gte(margin.times(num))) return 'WARN';
  return 'PASS';
}

/** Rounds toward −∞ to the fen: committing the result never crosses the limit. */
export function floorFen(d: Decimal): Decimal {
  return d.toDecimalPlaces(2, Decimal.ROUND_FLOOR);
}

/** Rounds toward +∞ to the fen: for amounts that must at least be reached. */
export function ceilFen(d: Decimal): Decimal {
  return d.toDecimalPlaces(2, Decimal.ROUND_CEIL);
}

/**
 * Largest x (floored to the fen) with (num + x) / (den + x) ≤ cap, i.e. x ≤ (cap·den − num) / (1 − cap).
 * Negative when already past the cap (|x| is then what must come off). null when cap ≥ 1: no limit binds.
 */
export function shareHeadroom(num: Decimal, den: Decimal, cap: Decimal): Decimal | null {
  if (cap.gte(1)) return null;
  return floorFen(cap.times(den).minus(num).div(new Decimal(1).minus(cap)));
}

/** Years from a to b: whole years plus the fraction of the next year (exact at anniversaries). */
export function yearsBetween(a: BusinessDate, b: BusinessDate): Decimal {
  if (b < a) return yearsBetween(b, a).neg();
  let n = Math.max(0, Number(b.slice(0, 4)) - Number(a.slice(0, 4)) - 1);
  while (addYears(a, n + 1) <= b) n += 1;
  const anniversary = addYears(a, n);
  const rest = daysBetween(anniversary, b);
  if (rest === 0) return new Decimal(n);
  return new Decimal(n).plus(new Decimal(rest).div(daysBetween(anniversary, addYears(a, n + 1))));
}

export interface Loss {
  loss: Decimal;
  paidIn: Decimal;
}

/** loss = max(0, paidIn − distributed − nav) (domain.md Figures). */
export function lossOf(f: PositionFigures): Loss {
  const paidIn = new Decimal(f.paidIn);
  const loss = Decimal.max(0, paidIn.minus(f.distributed).minus(f.nav));
  return { loss, paidIn };
}

export function sumFigures(list: readonly PositionFigures[]): PositionFigures {
  const acc = { paidIn: new Decimal(0), distributed: new Decimal(0), nav: new Decimal(0) };
  for (const f of list) {
    acc.paidIn = acc.paidIn.plus(f.paidIn);
    acc.distributed = acc.distributed.plus(f.distributed);
    acc.nav = acc.nav.plus(f.nav);
  }
  return { paidIn: acc.paidIn.toFixed(), distributed: acc.distributed.toFixed(), nav: acc.nav.toFixed() };
}

// ---- wording ----

export const pct = (d: Decimal): string => formatPercent(d, 4);
export const yuanZh = (d: Decimal): string => `${formatYuan(d)} 元`;
export const yuanEn = (d: Decimal): string => `CNY ${formatYuan(d)}`;
export const yearsText = (d: Decimal): string => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

export const VERDICT_ZH: Record<Verdict, string> = { PASS: '在限额内', WARN: '接近限额', FAIL: '超出限额' };

export function formatValue(d: Decimal, unit: CheckUnit): string {
  return unit === 'yuan' ? toYuan(d) : toRatio(d);
}

export interface ResultBase {
  ruleId: RuleId;
  ctx: RuleContext;
  subject: CheckSubject;
  clause: string;
  parameterVersionFrom?: string | null;
}

export interface ResultFields {
  status: CheckStatus;
  unit: CheckUnit;
  threshold?: Decimal | null;
  actual?: Decimal | null;
  headroom?: Decimal | null;
  headroomUnit?: CheckUnit;
  text: Bilingual;
  missingParameter?: string;
}

/** Builds a result; the explanation gets the instrument and clause appended. */
export function result(base: ResultBase, f: ResultFields): CheckResult {
  const hu = f.headroomUnit ?? f.unit;
  const r: CheckResult = {
    ruleId: base.ruleId,
    clause: base.clause,
    packId: base.ctx.packId,
    subject: base.subject,
    status: f.status,
    threshold: f.threshold == null ? null : formatValue(f.threshold, f.unit),
    actual: f.actual == null ? null : formatValue(f.actual, f.unit),
    headroom: f.headroom == null ? null : formatValue(f.headroom, hu),
    unit: f.unit,
    explanation: {
      zh: `${f.text.zh}（${base.ctx.instrument} ${base.clause}）`,
      en: `${f.text.en} (${base.ctx.instrument} ${base.clause})`,
    },
  };
  if (f.headroom != null && hu !== f.unit) r.headroomUnit = hu;
  if (f.missingParameter) r.missingParameter = f.missingParameter;
  if (base.parameterVersionFrom) r.parameterVersionFrom = base.parameterVersionFrom;
  return r;
}

const REASON: Record<string, (date: string) => Bilingual> = {
  UNSET: () => ({ zh: '政策文本未给出数值', en: 'the policy text gives no number' }),
  NO_VERSION_IN_FORCE: (d) => ({ zh: `${d} 无生效版本`, en: `no version in force on ${d}` }),
  PACK_NOT_IN_FORCE: (d) => ({ zh: `政策包于 ${d} 不在有效期内`, en: `the pack is not in force on ${d}` }),
  NOT_IN_PACK: () => ({ zh: '政策包未定义该参数', en: 'the pack does not define it' }),
};

/** NOT_APPLICABLE because a parameter the rule needs has no value; says which and why. */
export function missingParameter(base: ResultBase, p: ResolvedParameter, date: string, unit: CheckUnit = 'ratio'): CheckResult {
  const why = REASON[p.unsetReason ?? 'UNSET']!(date);
  const note = p.note ? `; ${p.note}` : '';
  return result(
    { ...base, clause: p.clause ?? base.clause, parameterVersionFrom: p.from },
    {
      status: 'NOT_APPLICABLE',
      unit,
      text: { zh: `无法判断：缺少参数 ${p.key}（${why.zh}${note}）`, en: `Not judged: parameter ${p.key} is missing (${why.en}${note})` },
      missingParameter: p.key,
    },
  );
}

export function notApplicable(base: ResultBase, unit: CheckUnit, text: Bilingual, actual?: Decimal | null): CheckResult {
  return result(base, { status: 'NOT_APPLICABLE', unit, text, actual: actual ?? null });
}

/** The exception on record for this result's rule and subject, approved by the as-of date and still valid. */
export function exceptionFor(list: readonly ApprovedException[], r: CheckResult, asOf: BusinessDate): ApprovedException | undefined {
  return list.find(
    (e) =>
      e.ruleId === r.ruleId &&
      e.subjectType === r.subject.type &&
      e.subjectId === r.subject.id &&
      (e.period == null || e.period === r.subject.period) &&
      e.approvedOn <= asOf &&
      (e.validUntil == null || asOf <= e.validUntil),
  );
}

/**
 * FAIL or WARN with an approved exception on record → EXEMPT, naming the document. A PASS keeps its
 * status (the exception is attached); NOT_APPLICABLE is untouched.
 */
export function applyExceptions(list: readonly ApprovedException[], asOf: BusinessDate, results: CheckResult[]): CheckResult[] {
  return results.map((r) => {
    if (r.status === 'NOT_APPLICABLE') return r;
    const e = exceptionFor(list, r, asOf);
    if (!e) return r;
    const exception = { documentNo: e.documentNo, approver: e.approver, approvedOn: e.approvedOn };
    if (r.status === 'PASS') return { ...r, exception };
    return {
      ...r,
      status: 'EXEMPT',
      exception,
      explanation: {
        zh: `已有批准例外 ${e.documentNo}（${e.approver}，${e.approvedOn}）：${r.explanation.zh}`,
        en: `Approved exception ${e.documentNo} (${e.approver}, ${e.approvedOn}): ${r.explanation.en}`,
      },
    };
  });
}

export const CATEGORY_ZH: Record<string, string> = {
  SEED: '种子基金',
  ANGEL: '天使基金',
  VC: '创业投资基金',
  INDUSTRY: '产业基金',
  MA: '并购基金',
  S_FUND: 'S基金',
  CONCEPT_PROOF: '概念验证基金',
  PILOT: '中试基金',
  TECH_TRANSFER: '科技成果转化基金',
};
export const STAGE_ZH: Record<string, string> = { SEED: '种子期', STARTUP: '初创期（天使期）', GROWTH: '成长期', MATURE: '成熟期' };
