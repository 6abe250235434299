import { Decimal } from '../money/decimal.js';
import { toRatio, toYuan } from '../money/money.js';
import { yearOf } from '../money/business-date.js';
import type { CheckResult } from '../policy/check-result.js';
import type { PolicyFacts } from '../policy/facts.js';
import type { ResolvedParameters } from '../policy/policy-pack.js';
import type { FofLedger } from './fof-ledger.js';
import type { AnnualAllocationRow, HandoffRow, ReviewModel } from './review-model.js';

/** The status of one rule's check per subject and period, looked up in a map (a city has thousands of checks). */
function statusIndex(checks: readonly CheckResult[], ruleId: string): (subjectId: string, period: string) => string {
  const m = new Map<string, string>();
  for (const c of checks) if (c.ruleId === ruleId) m.set(`${c.subject.id}|${c.subject.period ?? ''}`, c.status);
  return (subjectId, period) => m.get(`${subjectId}|${period}`) ?? 'NOT_APPLICABLE';
}

const listParam = (params: ResolvedParameters | null, key: string): string[] => {
  const v = params?.values[key]?.value;
  return Array.isArray(v) ? [...v] : [];
};

/** Per year: new investment, the early-stage part and its share against the target, on the pack's basis. */
export function annualAllocationRows(facts: PolicyFacts, params: ResolvedParameters | null, checks: readonly CheckResult[]): AnnualAllocationRow[] {
  const basis = (params?.values['earlyStageAllocation.basis']?.value as string | null | undefined) ?? 'COMMITMENT';
  const early = new Set(listParam(params, 'earlyStageAllocation.categories'));
  const targetRaw = params?.values['earlyStageAllocation.minRatio']?.value;
  const statusOf = statusIndex(checks, 'early-stage-allocation-min');
  return facts.annualAllocations.map((y) => {
    const a = basis === 'PAID_IN' && y.paidIn ? y.paidIn : y.commitments;
    let total = new Decimal(a.directTech).plus(a.directOther);
    let earlyStage = new Decimal(a.directTech);
    for (const [c, v] of Object.entries(a.subFundsByCategory)) {
      total = total.plus(v ?? '0');
      if (early.has(c)) earlyStage = earlyStage.plus(v ?? '0');
    }
    return {
      year: y.year,
      basis,
      newInvestment: toYuan(total),
      earlyStage: toYuan(earlyStage),
      earlyStageShare: total.isZero() ? null : toRatio(earlyStage.div(total)),
      target: typeof targetRaw === 'string' ? toRatio(targetRaw) : null,
      status: statusOf(facts.fof.id, String(y.year)),
    };
  });
}

/** Per VC/INDUSTRY sub-fund and year: its new project investment and the hand-offs in it, against the cap. */
export function handoffRows(l: FofLedger, params: ResolvedParameters | null, checks: readonly CheckResult[]): HandoffRow[] {
  const categories = new Set(listParam(params, 'handoffAnnualCap.categories'));
  const capRaw = params?.values['handoffAnnualCap.maxRatio']?.value;
  const funds = new Map(l.subFunds.filter((s) => categories.has(s.category)).map((s) => [s.id, s]));
  const statusOf = statusIndex(checks, 'handoff-annual-cap');
  const sums = new Map<string, { total: Decimal; handoff: Decimal }>();
  for (const pi of l.projectInvestments) {
    if (!funds.has(pi.subFundId)) continue;
    const key = `${pi.subFundId}|${yearOf(pi.investmentDate)}`;
    const e = sums.get(key) ?? { total: new Decimal(0), handoff: new Decimal(0) };
    e.total = e.total.plus(pi.amount);
    if (pi.isHandoff) e.handoff = e.handoff.plus(pi.amount);
    sums.set(key, e);
  }
  return [...sums.entries()]
    .map(([key, e]) => {
      const [id, year] = key.split('|') as [string, string];
      return {
        year: Number(year),
        subFundId: id,
        subFundCode: funds.get(id)!.code,
        newInvestment: toYuan(e.total),
        handoffAmount: toYuan(e.handoff),
        share: e.total.isZero() ? null : toRatio(e.handoff.div(e.total)),
        cap: typeof capRaw === 'string' ? toRatio(capRaw) : null,
        status: statusOf(id, year),
      };
    })
    .sort((a, b) => a.year - b.year || (a.subFundCode < b.subFundCode ? -1 : 1));
}

/** Losses beyond tolerance split by the assessments' final decisions (武政办〔2025〕67号 §二(一)5). */
export function lossesBeyondTolerance(
  checks: readonly CheckResult[],
  lossOf: (subjectType: string, subjectId: string) => string | null,
  cases: ReadonlyArray<{ id: string; subjectType: string; subjectId: string; state: string; conclusion: string | null; exemptAmount: string | null; nonExemptAmount: string | null }>,
): ReviewModel['lossesBeyondTolerance'] {
  const out: ReviewModel['lossesBeyondTolerance'] = { exempt: [], notExempt: [], pending: [] };
  for (const c of checks) {
    if (!c.ruleId.startsWith('loss-tolerance-') || c.status !== 'FAIL') continue;
    const loss = lossOf(c.subject.type, c.subject.id);
    if (loss === null) continue;
    const line = { ruleId: c.ruleId, subjectType: c.subject.type, subjectId: c.subject.id, subjectLabel: c.subject.label };
    const decided = cases.find((x) => x.subjectType === c.subject.type && x.subjectId === c.subject.id && x.state === 'APPROVED');
    if (!decided) {
      out.pending.push({ ...line, amount: loss, caseId: cases.find((x) => x.subjectType === c.subject.type && x.subjectId === c.subject.id)?.id ?? null });
      continue;
    }
    if (decided.exemptAmount && new Decimal(decided.exemptAmount).gt(0)) out.exempt.push({ ...line, amount: decided.exemptAmount, caseId: decided.id });
    if (decided.nonExemptAmount && new Decimal(decided.nonExemptAmount).gt(0)) out.notExempt.push({ ...line, amount: decided.nonExemptAmount, caseId: decided.id });
  }
  return out;
}
