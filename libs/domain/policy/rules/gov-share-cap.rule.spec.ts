import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Decimal } from '../../money/decimal.js';
import { toYuan } from '../../money/money.js';
import { ctxOf, exception, facts, one, params, subFund } from '../testing/policy-fixtures.js';
import { govShareCap } from './gov-share-cap.rule.js';

const p = params();
const run = (fofCommitment: string, others: string, category: 'SEED' | 'ANGEL' | 'VC' | 'INDUSTRY' = 'ANGEL', extra = {}) =>
  one(
    govShareCap(
      facts({
        subFunds: [subFund({ id: 'sf', category, fofCommitment, lpCommitments: [{ investorKind: 'INSURER', investorName: '某保险', amount: others }] })],
        ...extra,
      }),
      p,
      ctxOf(p),
    ),
    'sf',
  );

describe('§二(一)1 gov-share-cap: the FoF share of a seed/angel/VC sub-fund is at most 50%', () => {
  it('exactly 50% is within the cap, in the WARN zone (≥ 90% of the cap used), with zero headroom', () => {
    const r = run('50000000.00', '50000000.00');
    expect(r).toMatchObject({ status: 'WARN', threshold: '0.500000', actual: '0.500000', headroom: '0.00', headroomUnit: 'yuan', clause: '§二(一)1' });
  });
  it('one fen over 50% fails; one fen under is WARN', () => {
    expect(run('50000000.01', '50000000.00').status).toBe('FAIL');
    expect(run('49999999.99', '50000000.00').status).toBe('WARN');
  });
  it('one millionth either side of 50%', () => {
    expect(run('500001.00', '499999.00')).toMatchObject({ status: 'FAIL', actual: '0.500001' });
    expect(run('499999.00', '500001.00')).toMatchObject({ status: 'WARN', actual: '0.499999' });
  });
  it('explains a failure with the numbers, the instrument and the clause', () => {
    const r = run('55000000.00', '45000000.00');
    expect(r.status).toBe('FAIL');
    expect(r.explanation.zh).toBe(
      '政府出资占比 55.0000% 超过上限 50.0000%（母基金认缴 55,000,000.00 元，总认缴 100,000,000.00 元；须减少 10,000,000.00 元方可回到上限内）（武政办〔2025〕67号 §二(一)1）',
    );
    expect(r.explanation.en).toContain('FoF share 55.0000% exceeds the 50.0000% cap');
    expect(r.headroom).toBe('-10000000.00');
  });
  it('below the WARN zone passes and states the headroom: (0.5·T − F)/(1 − 0.5)', () => {
    const r = run('30000000.00', '70000000.00');
    expect(r).toMatchObject({ status: 'PASS', actual: '0.300000', headroom: '40000000.00' });
    expect(r.explanation.zh).toContain('尚可追加认缴 40,000,000.00 元');
  });
  it('floors the headroom to the fen', () => {
    const q = params({ 'govShareCap.maxRatio': '0.333333' });
    const r = one(
      govShareCap(facts({ subFunds: [subFund({ id: 'sf', category: 'SEED', fofCommitment: '1.00', lpCommitments: [{ investorKind: 'OTHER', investorName: 'x', amount: '9.00' }] })] }), q, ctxOf(q)),
      'sf',
    );
    // (0.333333·10 − 1)/0.666667 = 3.4999957…: floored, not rounded up to 3.50
    expect(r.headroom).toBe('3.49');
  });
  it('does not apply to an INDUSTRY fund (the clause names seed, angel and other VC funds)', () => {
    const r = run('90000000.00', '10000000.00', 'INDUSTRY');
    expect(r.status).toBe('NOT_APPLICABLE');
    expect(r.explanation.en).toContain('not to a INDUSTRY fund');
  });
  it('applies a cap for other categories when the pack sets one (武政〔2024〕12号 style 20%)', () => {
    const q = params({ 'govShareCap.otherMaxRatio': '0.2' });
    const r = one(
      govShareCap(facts({ subFunds: [subFund({ id: 'sf', category: 'INDUSTRY', fofCommitment: '25.00', lpCommitments: [{ investorKind: 'OTHER', investorName: 'x', amount: '75.00' }] })] }), q, ctxOf(q)),
      'sf',
    );
    expect(r).toMatchObject({ status: 'FAIL', threshold: '0.200000', actual: '0.250000' });
  });
  it('missing parameter → NOT_APPLICABLE naming it', () => {
    const q = params({ 'govShareCap.maxRatio': null });
    const r = one(govShareCap(facts({ subFunds: [subFund({ id: 'sf', category: 'SEED', fofCommitment: '1.00' })] }), q, ctxOf(q)), 'sf');
    expect(r.status).toBe('NOT_APPLICABLE');
    expect(r.missingParameter).toBe('govShareCap.maxRatio');
    expect(r.explanation.zh).toContain('缺少参数 govShareCap.maxRatio');
    expect(r.explanation.en).toContain('the policy text gives no number');
  });
  it('a pack without the parameter at all → NOT_APPLICABLE naming it', () => {
    const q = params({ 'govShareCap.maxRatio': undefined });
    const r = one(govShareCap(facts({ subFunds: [subFund({ id: 'sf', category: 'SEED', fofCommitment: '1.00' })] }), q, ctxOf(q)), 'sf');
    expect(r).toMatchObject({ status: 'NOT_APPLICABLE', missingParameter: 'govShareCap.maxRatio' });
    expect(r.explanation.en).toContain('the pack does not define it');
  });
  it('an approved exception → EXEMPT naming the document', () => {
    const r = run('60000000.00', '40000000.00', 'ANGEL', { exceptions: [exception('gov-share-cap', 'SUB_FUND', 'sf')] });
    expect(r.status).toBe('EXEMPT');
    expect(r.exception).toEqual({ documentNo: '武金控批〔2025〕12号', approver: '市财政局', approvedOn: '2025-06-30' });
    expect(r.explanation.zh).toContain('武金控批〔2025〕12号');
    expect(r.actual).toBe('0.600000');
  });
  it('an exception approved after the as-of date does not count yet', () => {
    const late = { ...exception('gov-share-cap', 'SUB_FUND', 'sf'), approvedOn: '2026-01-05' };
    expect(run('60000000.00', '40000000.00', 'ANGEL', { exceptions: [late] }).status).toBe('FAIL');
  });
  it('a sub-fund without commitments is not judged', () => {
    expect(run('0.00', '0.00').status).toBe('NOT_APPLICABLE');
  });

  const fen = fc.bigInt({ min: 1n, max: 10n ** 13n }).map((n) => new Decimal(n.toString()).div(100));
  it('property: committing exactly the headroom still passes; headroom + 0.01 fails', () => {
    fc.assert(
      fc.property(fen, fen, fc.integer({ min: 1, max: 999_999 }), (f, others, capMillionths) => {
        const cap = new Decimal(capMillionths).div(1_000_000).toFixed();
        const q = params({ 'govShareCap.maxRatio': cap });
        const check = (fofAmount: Decimal) =>
          one(
            govShareCap(
              facts({ subFunds: [subFund({ id: 'sf', category: 'VC', fofCommitment: toYuan(fofAmount), lpCommitments: [{ investorKind: 'OTHER', investorName: 'x', amount: toYuan(others) }] })] }),
              q,
              ctxOf(q),
            ),
            'sf',
          );
        const before = check(f);
        const headroom = new Decimal(before.headroom!);
        const atHeadroom = f.plus(headroom);
        if (atHeadroom.gte(0)) expect(check(atHeadroom).status).not.toBe('FAIL');
        expect(check(atHeadroom.plus('0.01')).status).toBe('FAIL');
      }),
      { numRuns: 300 },
    );
  });
});
