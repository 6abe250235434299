import { Decimal } from '../money/decimal.js';
import { toRatio, toYuan } from '../money/money.js';
import type { BusinessDate } from '../money/business-date.js';
import type { CheckResult } from '../policy/check-result.js';
import type { PolicyFacts, SubFundCategory } from '../policy/facts.js';
import type { ResolvedParameters } from '../policy/policy-pack.js';
import { allocationTotals } from '../policy/rules/early-stage-allocation-min.rule.js';
import { handoffYears } from '../policy/rules/handoff-annual-cap.rule.js';
import type { AnnualAllocationRow, HandoffRow, ReviewModel } from './review-model.js';

/** The status of one rule's check per subject and period, looked up in a map (a city has thousands of checks). */
function statusIndex(checks: readonly CheckResult[], ruleId: string): (subjectId: string, period: string) => string {
  const m = new Map<string, string>();
  for (const c of checks) if (c.ruleId === ruleId) m.set(`${c.subject.id}|${c.subject.period ?? ''}`, c.status);
  return (subjectId, period) => m.get(`${subjectId}|${period}`) ?? 'NOT_APPLICABLE';
}

/** A list parameter of the pack, empty without a pack or a value. */
function listParam<T extends string>(params: ResolvedParameters | null, key: string): T[] {
  const v = params?.values[key]?.value;
  return Array.isArray(v) ? ([...v] as T[]) : [];
}

/** Per year: new investment, the early-stage part and its share against the target, on the pack's basis. */
export function annualAllocationRows(facts: PolicyFacts, params: ResolvedParameters | null, checks: readonly CheckResult[]): AnnualAllocationRow[] {
  const basis = (params?.values['earlyStageAllocation.basis']?.value as string | null | undefined) ?? 'COMMITMENT';
  const early = listParam<SubFundCategory>(params, 'earlyStageAllocation.categories');
  const targetRaw = params?.values['earlyStageAllocation.minRatio']?.value;
  const statusOf = statusIndex(checks, 'early-stage-allocation-min');
  return facts.annualAllocations.map((y) => {
    // The rule's own sums (early-stage-allocation-min), so the table shows what was judged.
    const { early: earlyStage, total } = allocationTotals(basis === 'PAID_IN' && y.paidIn ? y.paidIn : y.commitments, early);
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

/**
 * Per VC/INDUSTRY sub-fund and year up to asOf: its new project investment and the hand-offs in it, against
 * the cap. Hand-offs as handoff-annual-cap counts them (isHandoff: flagged and from a seed or angel fund),
 * from the same sums, so a row cannot show a share the check did not judge. `subFundCode`: code by id.
 */
export function handoffRows(
  facts: PolicyFacts,
  params: ResolvedParameters | null,
  checks: readonly CheckResult[],
  asOf: BusinessDate,
  subFundCode: ReadonlyMap<string, string>,
): HandoffRow[] {
  const categories = new Set(listParam<SubFundCategory>(params, 'handoffAnnualCap.categories'));
  const sources = listParam<SubFundCategory>(params, 'handoffAnnualCap.sourceCategories');
  const sums = handoffYears(facts.projectInvestments, sources, asOf);
  const capRaw = params?.values['handoffAnnualCap.maxRatio']?.value;
  const statusOf = statusIndex(checks, 'handoff-annual-cap');
  const rows: HandoffRow[] = [];
  for (const sf of facts.subFunds) {
    if (!categories.has(sf.category)) continue;
    for (const [year, e] of sums.get(sf.id) ?? []) {
      rows.push({
        year,
        subFundId: sf.id,
        subFundCode: subFundCode.get(sf.id) ?? sf.label,
        newInvestment: toYuan(e.total),
        handoffAmount: toYuan(e.handoff),
        // Without the pack's source categories nothing counts as a hand-off: no share to show.
        share: e.total.isZero() || sources.length === 0 ? null : toRatio(e.handoff.div(e.total)),
        cap: typeof capRaw === 'string' ? toRatio(capRaw) : null,
        status: statusOf(sf.id, String(year)),
      });
    }
  }
  return rows.sort((a, b) => a.year - b.year || (a.subFundCode < b.subFundCode ? -1 : a.subFundCode > b.subFundCode ? 1 : 0));
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
