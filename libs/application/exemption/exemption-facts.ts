import { Decimal } from '../../domain/money/decimal.js';
import { toYuan } from '../../domain/money/money.js';
import type { BusinessDate } from '../../domain/money/business-date.js';
import type { ExemptionFacts, ExemptionSubject, ExemptionSubjectType } from '../../domain/exemption/case.js';
import { buildFacts } from '../../domain/exemption/facts.js';
import { DomainError } from '../../domain/errors/domain-error.js';
import type { RuleId } from '../../domain/policy/check-result.js';
import type { ResolvedParameters } from '../../domain/policy/policy-pack.js';
import type { FofLedger } from '../../domain/review/fof-ledger.js';
import { reviewPositions } from '../review/position.service.js';
import type { ReviewPosition } from '../../domain/review/review-tables.js';

/** Which loss-tolerance parameter and rule judge a subject of a given category or stage. */
function toleranceOf(kind: 'SUB_FUND' | 'DIRECT', code: string): { key: string; ruleId: RuleId } | null {
  if (kind === 'SUB_FUND' && code === 'SEED') return { key: 'lossTolerance.seedFund.maxLossRatio', ruleId: 'loss-tolerance-seed-fund' };
  if (kind === 'SUB_FUND' && code === 'ANGEL') return { key: 'lossTolerance.angelFund.maxLossRatio', ruleId: 'loss-tolerance-angel-fund' };
  if (kind === 'DIRECT' && code === 'SEED') return { key: 'lossTolerance.directProject.seedMaxLossRatio', ruleId: 'loss-tolerance-direct-project' };
  if (kind === 'DIRECT' && code === 'STARTUP') return { key: 'lossTolerance.directProject.startupMaxLossRatio', ruleId: 'loss-tolerance-direct-project' };
  return null;
}

export interface SubjectFacts {
  subject: ExemptionSubject;
  facts: ExemptionFacts;
}

/**
 * The facts of an assessment, computed from the ledger as of the case date: invested, recovered,
 * remaining value, loss and ratio, and the tolerance that applies. A hand-off (承接) keeps the tolerance
 * of the seed or angel fund it came from (武政办〔2025〕67号 §二(一)4).
 */
export function subjectFacts(
  l: FofLedger,
  asOf: BusinessDate,
  params: ResolvedParameters | null,
  pack: { id: string; revision: number } | null,
  type: ExemptionSubjectType,
  id: string,
  /** The ledger's positions when the caller has built them already (one list for many subjects). */
  positions: readonly ReviewPosition[] = reviewPositions(l, asOf),
): SubjectFacts {
  const tol = (t: { key: string; ruleId: RuleId } | null) => {
    const p = t && params ? params.values[t.key] : undefined;
    return { tolerance: typeof p?.value === 'string' ? new Decimal(p.value).toFixed(6) : null, clause: p?.clause ?? null, ruleId: t?.ruleId ?? null };
  };
  const base = { packId: pack?.id ?? '', packRevision: pack?.revision ?? null };
  if (type === 'PROJECT_INVESTMENT') {
    const pi = l.projectInvestments.find((x) => x.id === id);
    if (!pi) throw new DomainError('NOT_FOUND', `project investment ${id} not found in this FoF`);
    const recovered = l.projectExits.filter((e) => e.projectInvestmentId === id).reduce((a, e) => a.plus(e.proceeds), new Decimal(0));
    const exited = l.projectExits.some((e) => e.projectInvestmentId === id);
    const source = pi.handoffSourceSubFundId ? l.subFunds.find((s) => s.id === pi.handoffSourceSubFundId) : undefined;
    const t = tol(source ? toleranceOf('SUB_FUND', source.category) : null);
    return {
      subject: { type, id, label: pi.projectName, categoryOrStage: pi.stage },
      facts: buildFacts({
        invested: toYuan(pi.amount),
        recovered: toYuan(recovered),
        // Without a project valuation, an unexited project stands at cost; an exited one has nothing left.
        remainingValue: exited ? '0.00' : toYuan(pi.amount),
        ...t,
        toleranceSource: source ? 'INHERITED_FROM_SOURCE_FUND' : 'OWN',
        sourceFund: source ? { id: source.id, label: `${source.code} ${source.name}`, category: source.category } : null,
        ...base,
      }),
    };
  }
  const position = positions.find((x) => x.id === id && x.kind === (type === 'SUB_FUND' ? 'SUB_FUND' : 'DIRECT'));
  if (!position) throw new DomainError('NOT_FOUND', `${type} ${id} not found in this FoF as of ${asOf}`);
  const t = tol(toleranceOf(position.kind === 'SUB_FUND' ? 'SUB_FUND' : 'DIRECT', position.category));
  return {
    subject: { type, id, label: `${position.code} ${position.name}`, categoryOrStage: position.category },
    facts: buildFacts({
      invested: toYuan(position.data.paidIn),
      recovered: toYuan(position.data.distributed),
      remainingValue: toYuan(position.data.nav),
      ...t,
      toleranceSource: 'OWN',
      sourceFund: null,
      ...base,
    }),
  };
}
