import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Decimal } from '../../money/decimal.js';
import { toYuan } from '../../money/money.js';
import type { ProjectInvestmentFacts } from '../facts.js';
import { ctxOf, exception, facts, one, params, projectInvestment, subFund } from '../testing/policy-fixtures.js';
import { handoffAnnualCap } from './handoff-annual-cap.rule.js';

const p = params();
const normal = (amount: string, investedOn = '2025-03-01') => projectInvestment({ id: `n-${amount}-${investedOn}`, subFundId: 'vc-1', amount, investedOn });
const handoff = (amount: string, source: 'SEED' | 'ANGEL' | 'VC' = 'ANGEL') =>
  projectInvestment({ id: `h-${amount}`, subFundId: 'vc-1', amount, investedOn: '2025-05-01', handoff: true, sourceFundCategory: source, sourceFundId: 'angel-1' });
const run = (investments: ProjectInvestmentFacts[], q = p, extra = {}, category: 'VC' | 'INDUSTRY' | 'SEED' = 'VC') =>
  handoffAnnualCap(facts({ subFunds: [subFund({ id: 'vc-1', label: '光谷创投基金', category })], projectInvestments: investments, ...extra }), q, ctxOf(q));

describe('§二(一)4 handoff-annual-cap: a VC or industry sub-fund hands off at most 10% of its new investment a year', () => {
  it('exactly 10%: WARN, no more hand-off possible this year', () => {
    expect(one(run([normal('9000000.00'), handoff('1000000.00')]), 'vc-1', '2025')).toMatchObject({
      status: 'WARN',
      threshold: '0.100000',
      actual: '0.100000',
      headroom: '0.00',
      headroomUnit: 'yuan',
    });
  });
  it('one fen over fails, one fen under is WARN', () => {
    const over = one(run([normal('8999999.99'), handoff('1000000.01')]), 'vc-1', '2025');
    expect(over.status).toBe('FAIL');
    expect(over.explanation.zh).toContain('2025 年承接投资占比 10.0000% 超过上限 10.0000%');
    expect(one(run([normal('9000000.01'), handoff('999999.99')]), 'vc-1', '2025').status).toBe('WARN');
  });
  it('one millionth either side', () => {
    expect(one(run([normal('899999.00'), handoff('100001.00')]), 'vc-1', '2025')).toMatchObject({ status: 'FAIL', actual: '0.100001' });
    expect(one(run([normal('900001.00'), handoff('99999.00')]), 'vc-1', '2025')).toMatchObject({ status: 'WARN', actual: '0.099999' });
  });
  it('headroom: (0.1·T − H)/0.9 more may be handed off this year', () => {
    const r = one(run([normal('9500000.00'), handoff('500000.00')]), 'vc-1', '2025');
    expect(r).toMatchObject({ status: 'PASS', actual: '0.050000', headroom: '555555.55' }); // 500,000/0.9 = 555,555.555…
  });
  it('judges each year apart and counts only hand-offs from seed or angel funds', () => {
    const rs = run([normal('100.00', '2024-02-01'), normal('90.00'), handoff('10.00'), handoff('50.00', 'VC')]);
    expect(one(rs, 'vc-1', '2024')).toMatchObject({ status: 'PASS', actual: '0.000000' });
    expect(one(rs, 'vc-1', '2025')).toMatchObject({ actual: '0.066667' }); // 10 of 150
  });
  it('does not apply to a seed fund', () => {
    expect(one(run([handoff('10.00')], p, {}, 'SEED'), 'vc-1').status).toBe('NOT_APPLICABLE');
  });
  it('missing parameter → NOT_APPLICABLE naming it', () => {
    expect(one(run([handoff('10.00')], params({ 'handoffAnnualCap.maxRatio': null })), 'vc-1')).toMatchObject({
      status: 'NOT_APPLICABLE',
      missingParameter: 'handoffAnnualCap.maxRatio',
    });
  });
  it('an approved exception for the year → EXEMPT naming the document', () => {
    const r = one(run([normal('10.00'), handoff('10.00')], p, { exceptions: [exception('handoff-annual-cap', 'SUB_FUND', 'vc-1', '2025')] }), 'vc-1', '2025');
    expect(r.status).toBe('EXEMPT');
    expect(r.explanation.zh).toContain('武金控批〔2025〕12号');
  });
  it('property: handing off exactly the headroom still passes; headroom + 0.01 fails', () => {
    const fen = fc.bigInt({ min: 1n, max: 10n ** 12n }).map((n) => new Decimal(n.toString()).div(100));
    fc.assert(
      fc.property(fen, fen, fc.integer({ min: 1, max: 999_999 }), (others, handed, capMillionths) => {
        const q = params({ 'handoffAnnualCap.maxRatio': new Decimal(capMillionths).div(1_000_000).toFixed() });
        const check = (extra: Decimal | null) => {
          const list = [normal(toYuan(others)), handoff(toYuan(handed))];
          if (extra !== null) list.push({ ...handoff(toYuan(extra)), id: 'proposed' });
          return one(run(list, q), 'vc-1', '2025');
        };
        const room = new Decimal(check(null).headroom!);
        fc.pre(room.gt(0));
        expect(check(room).status).not.toBe('FAIL');
        expect(check(room.plus('0.01')).status).toBe('FAIL');
      }),
      { numRuns: 300 },
    );
  });
});
