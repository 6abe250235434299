import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Decimal } from '../../money/decimal.js';
import { toYuan } from '../../money/money.js';
import type { AnnualAllocationFacts } from '../facts.js';
import { ctxOf, exception, facts, one, params } from '../testing/policy-fixtures.js';
import { earlyStageAllocationMin } from './early-stage-allocation-min.rule.js';

const p = params();
const year = (seed: string, industry: string, directTech = '0.00', extra: Partial<AnnualAllocationFacts> = {}): AnnualAllocationFacts => ({
  year: 2025,
  commitments: { subFundsByCategory: { SEED: seed, INDUSTRY: industry }, directTech, directOther: '0.00' },
  ...extra,
});
const run = (a: AnnualAllocationFacts, q = p, extra = {}) =>
  one(earlyStageAllocationMin(facts({ annualAllocations: [a], ...extra }), q, ctxOf(q)), 'fof', String(a.year));

describe('§二(一)1 early-stage-allocation-min: seed + angel + direct tech ≥ 20% of the year’s new investment', () => {
  it('exactly 20% meets the minimum, WARN zone, no room for more other investment', () => {
    expect(run(year('200000.00', '800000.00'))).toMatchObject({ status: 'WARN', threshold: '0.200000', actual: '0.200000', headroom: '0.00' });
  });
  it('one fen either side', () => {
    const under = run(year('199999.99', '800000.01'));
    expect(under.status).toBe('FAIL');
    expect(under.explanation.zh).toContain('还需早期投资 0.02 元'); // (0.2·1,000,000 − 199,999.99)/0.8 = 0.0125 → 0.02
    expect(run(year('200000.01', '799999.99')).status).toBe('WARN');
  });
  it('one millionth either side', () => {
    expect(run(year('199999.00', '800001.00'))).toMatchObject({ status: 'FAIL', actual: '0.199999' });
    expect(run(year('200001.00', '799999.00'))).toMatchObject({ status: 'WARN', actual: '0.200001' });
  });
  it('counts direct investments in tech projects as early stage; headroom is E/0.2 − T', () => {
    const r = run(year('100000.00', '600000.00', '200000.00'));
    expect(r).toMatchObject({ status: 'PASS', actual: '0.333333', headroom: '600000.00', headroomUnit: 'yuan' });
    expect(r.subject).toEqual({ type: 'FOF', id: 'fof', label: '武汉市政府投资基金 2025', period: '2025' });
    expect(r.explanation.zh).toContain('（截至 2025-12-31）');
  });
  it('WARN up to 22.22% (the minimum takes ≥ 90% of the share), PASS from there', () => {
    expect(run(year('222222.00', '777778.00')).status).toBe('WARN');
    expect(run(year('222223.00', '777777.00')).status).toBe('PASS');
  });
  it('uses paid-in when the pack says so, and says when those figures are missing', () => {
    const q = params({ 'earlyStageAllocation.basis': 'PAID_IN' });
    const paidIn = { subFundsByCategory: { ANGEL: '50.00', VC: '50.00' }, directTech: '0.00', directOther: '0.00' };
    expect(run(year('0.00', '100.00', '0.00', { paidIn }), q)).toMatchObject({ status: 'PASS', actual: '0.500000' });
    expect(run(year('0.00', '100.00'), q).status).toBe('NOT_APPLICABLE');
  });
  it('a year without new investment is not judged; years after the as-of date are left out', () => {
    expect(run(year('0.00', '0.00')).status).toBe('NOT_APPLICABLE');
    expect(earlyStageAllocationMin(facts({ annualAllocations: [{ ...year('0.00', '1.00'), year: 2026 }] }), p, ctxOf(p))).toEqual([]);
  });
  it('missing parameter → NOT_APPLICABLE naming it', () => {
    const r = run(year('0.00', '100.00'), params({ 'earlyStageAllocation.minRatio': null }));
    expect(r).toMatchObject({ status: 'NOT_APPLICABLE', missingParameter: 'earlyStageAllocation.minRatio' });
  });
  it('an approved exception for that year → EXEMPT naming the document', () => {
    const r = run(year('10.00', '90.00'), p, { exceptions: [exception('early-stage-allocation-min', 'FOF', 'fof', '2025')] });
    expect(r.status).toBe('EXEMPT');
    expect(r.explanation.zh).toContain('武金控批〔2025〕12号');
    const otherYear = run(year('10.00', '90.00'), p, { exceptions: [exception('early-stage-allocation-min', 'FOF', 'fof', '2024')] });
    expect(otherYear.status).toBe('FAIL');
  });
  it('property: adding exactly the headroom of other investment keeps the minimum; one fen more breaks it', () => {
    const fen = fc.bigInt({ min: 1n, max: 10n ** 12n }).map((n) => new Decimal(n.toString()).div(100));
    fc.assert(
      fc.property(fen, fen, (e, other) => {
        const r = run(year(toYuan(e), toYuan(other)));
        fc.pre(r.status !== 'FAIL');
        const room = new Decimal(r.headroom!);
        expect(run(year(toYuan(e), toYuan(other.plus(room)))).status).not.toBe('FAIL');
        expect(run(year(toYuan(e), toYuan(other.plus(room).plus('0.01')))).status).toBe('FAIL');
      }),
      { numRuns: 200 },
    );
  });
});
