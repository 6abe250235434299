import { describe, expect, it } from '@jest/globals';
import { earlyStageAllocationMin } from '../policy/rules/early-stage-allocation-min.rule.js';
import { handoffAnnualCap } from '../policy/rules/handoff-annual-cap.rule.js';
import { ctxOf, facts, params, projectInvestment, subFund } from '../policy/testing/policy-fixtures.js';
import type { PolicyFacts } from '../policy/facts.js';
import { annualAllocationRows, handoffRows } from './annual-tables.js';

const AS_OF = '2025-12-31';
const p = params(); // Wuhan values: early stage ≥ 20% (SEED, ANGEL, on commitments); hand-offs ≤ 10% for VC and INDUSTRY funds from SEED and ANGEL funds

describe('annual allocation rows (§二(一)1)', () => {
  const f = facts({
    annualAllocations: [
      {
        year: 2024,
        commitments: { subFundsByCategory: { SEED: '3000000.00', VC: '10000000.00' }, directTech: '1000000.00', directOther: '2000000.00' },
        paidIn: { subFundsByCategory: { SEED: '500000.00', VC: '4000000.00' }, directTech: '0.00', directOther: '500000.00' },
      },
      {
        year: 2025,
        commitments: { subFundsByCategory: { ANGEL: '1000000.00', INDUSTRY: '9000000.00' }, directTech: '0.00', directOther: '0.00' },
        paidIn: { subFundsByCategory: {}, directTech: '0.00', directOther: '0.00' },
      },
    ],
  });
  const rows = (q = p) => annualAllocationRows(f, q, earlyStageAllocationMin(f, q, ctxOf(q, AS_OF)));

  it('on commitments: new investment, the seed/angel and direct-tech part, its share and the check’s status', () => {
    expect(rows()).toEqual([
      // 3,000,000 + 10,000,000 + 1,000,000 + 2,000,000 = 16,000,000; early 3,000,000 + 1,000,000 = 4,000,000 → 25%
      { year: 2024, basis: 'COMMITMENT', newInvestment: '16000000.00', earlyStage: '4000000.00', earlyStageShare: '0.250000', target: '0.200000', status: 'PASS' },
      // 1,000,000 + 9,000,000 = 10,000,000; early 1,000,000 → 10% < 20%
      { year: 2025, basis: 'COMMITMENT', newInvestment: '10000000.00', earlyStage: '1000000.00', earlyStageShare: '0.100000', target: '0.200000', status: 'FAIL' },
    ]);
  });

  it('on paid-in when the pack says so; a year without new investment has no share', () => {
    expect(rows(params({ 'earlyStageAllocation.basis': 'PAID_IN' }))).toEqual([
      // 500,000 + 4,000,000 + 0 + 500,000 = 5,000,000; early 500,000 → 10%
      { year: 2024, basis: 'PAID_IN', newInvestment: '5000000.00', earlyStage: '500000.00', earlyStageShare: '0.100000', target: '0.200000', status: 'FAIL' },
      { year: 2025, basis: 'PAID_IN', newInvestment: '0.00', earlyStage: '0.00', earlyStageShare: null, target: '0.200000', status: 'NOT_APPLICABLE' },
    ]);
  });
});

describe('hand-off rows (§二(一)4): the table counts what the rule counts', () => {
  const codes = new Map([
    ['vc-1', 'VC-1'],
    ['ind-1', 'IND-1'],
    ['seed-1', 'SEED-1'],
  ]);
  const pi = (id: string, subFundId: string, investedOn: string, amount: string, from?: 'SEED' | 'ANGEL' | 'VC' | null) =>
    projectInvestment({ id, subFundId, investedOn, amount, handoff: from !== undefined, sourceFundCategory: from ?? null, sourceFundId: from ? `${from}-src` : null });
  const f: PolicyFacts = facts({
    subFunds: [subFund({ id: 'vc-1', category: 'VC' }), subFund({ id: 'ind-1', category: 'INDUSTRY' }), subFund({ id: 'seed-1', category: 'SEED' })],
    projectInvestments: [
      pi('a', 'vc-1', '2025-02-01', '900000.00'),
      pi('b', 'vc-1', '2025-04-01', '60000.00', 'ANGEL'), // a hand-off under the rule
      pi('c', 'vc-1', '2025-05-01', '150000.00', 'VC'), // flagged, but taken over from a VC fund: not a hand-off
      pi('d', 'vc-1', '2025-06-01', '40000.00', null), // flagged, source fund unknown: not a hand-off
      pi('e', 'vc-1', '2026-02-01', '500000.00', 'SEED'), // after the as-of date
      pi('f', 'ind-1', '2024-03-01', '800000.00'),
      pi('g', 'ind-1', '2024-09-01', '200000.00', 'SEED'),
      pi('h', 'ind-1', '2025-03-01', '500000.00'),
      pi('i', 'seed-1', '2025-03-01', '100000.00', 'ANGEL'), // the cap does not cover seed funds
    ],
  });
  const checks = handoffAnnualCap(f, p, ctxOf(p, AS_OF));

  it('lists each VC or industry fund and year, counting only hand-offs from seed or angel funds', () => {
    expect(handoffRows(f, p, checks, AS_OF, codes)).toEqual([
      // 200,000 / (800,000 + 200,000) = 20% > 10%
      { year: 2024, subFundId: 'ind-1', subFundCode: 'IND-1', newInvestment: '1000000.00', handoffAmount: '200000.00', share: '0.200000', cap: '0.100000', status: 'FAIL' },
      { year: 2025, subFundId: 'ind-1', subFundCode: 'IND-1', newInvestment: '500000.00', handoffAmount: '0.00', share: '0.000000', cap: '0.100000', status: 'PASS' },
      // 60,000 / (900,000 + 60,000 + 150,000 + 40,000 = 1,150,000) = 0.0521739… (counting every flagged one would say 250,000, 21.7%)
      { year: 2025, subFundId: 'vc-1', subFundCode: 'VC-1', newInvestment: '1150000.00', handoffAmount: '60000.00', share: '0.052174', cap: '0.100000', status: 'PASS' },
    ]);
  });

  it('shows the share the check judged, row by row', () => {
    for (const row of handoffRows(f, p, checks, AS_OF, codes)) {
      const check = checks.find((c) => c.subject.id === row.subFundId && c.subject.period === String(row.year))!;
      expect({ share: row.share, status: row.status }).toEqual({ share: check.actual, status: check.status });
    }
  });

  it('lists nothing without a policy pack', () => {
    expect(handoffRows(f, null, [], AS_OF, codes)).toEqual([]);
  });

  it('shows no share where the pack does not say which funds hand off (the check is NOT_APPLICABLE)', () => {
    const q = params({ 'handoffAnnualCap.sourceCategories': null });
    const rows = handoffRows(f, q, handoffAnnualCap(f, q, ctxOf(q, AS_OF)), AS_OF, codes);
    expect(rows.map((r) => [r.subFundId, r.year, r.share, r.status])).toEqual([
      ['ind-1', 2024, null, 'NOT_APPLICABLE'],
      ['ind-1', 2025, null, 'NOT_APPLICABLE'],
      ['vc-1', 2025, null, 'NOT_APPLICABLE'],
    ]);
  });
});
