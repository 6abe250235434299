import { describe, expect, it } from '@jest/globals';
import type { IncentiveProposalFacts } from '../facts.js';
import { ctxOf, exception, facts, one, params, subFund } from '../testing/policy-fixtures.js';
import { incentiveCap } from './incentive-cap.rule.js';

const p = params();
const proposal = (proposedAmount: string, previouslyGranted = '0.00', valueAdded = '10000000.00'): IncentiveProposalFacts => ({
  id: 'inc-1',
  label: '2025 年度让利奖励',
  subFundId: 'vc-1',
  valueAdded,
  previouslyGranted,
  proposedAmount,
});
const run = (ip: IncentiveProposalFacts, q = p, extra = {}) =>
  one(incentiveCap(facts({ subFunds: [subFund({ id: 'vc-1', label: '光谷创投基金' })], incentiveProposals: [ip], ...extra }), q, ctxOf(q)), 'inc-1');

describe('§二(一)1 incentive-cap: rewards to social LPs and managers are at most all of the FoF’s value added', () => {
  it('rewards equal to the whole value added: WARN (at the limit), zero headroom', () => {
    expect(run(proposal('6000000.00', '4000000.00'))).toMatchObject({
      status: 'WARN',
      threshold: '10000000.00',
      actual: '10000000.00',
      headroom: '0.00',
      unit: 'yuan',
      subject: { type: 'PROPOSAL', id: 'inc-1' },
    });
  });
  it('one fen over fails, one fen under is WARN', () => {
    const over = run(proposal('6000000.01', '4000000.00'));
    expect(over.status).toBe('FAIL');
    expect(over.explanation.zh).toBe(
      '奖励合计 10,000,000.01 元（已发放 4,000,000.00 元，本次 6,000,000.01 元）超过上限 10,000,000.00 元（子基金「光谷创投基金」增值收益 10,000,000.00 元 的 100.0000%）（武政办〔2025〕67号 §二(一)1）',
    );
    expect(run(proposal('5999999.99', '4000000.00')).status).toBe('WARN');
  });
  it('half the value added passes, with the remaining reward as headroom', () => {
    expect(run(proposal('5000000.00'))).toMatchObject({ status: 'PASS', headroom: '5000000.00' });
  });
  it('no value added: any reward fails; a reward on the FoF as a whole names it', () => {
    expect(run(proposal('0.01', '0.00', '0.00')).status).toBe('FAIL');
    const whole = run({ ...proposal('1.00'), subFundId: null });
    expect(whole.explanation.en).toContain('the FoF as a whole');
  });
  it('a lower cap in another pack version (e.g. 50%) is applied', () => {
    expect(run(proposal('5000000.01'), params({ 'incentiveCap.maxRatio': '0.5' }))).toMatchObject({ status: 'FAIL', threshold: '5000000.00' });
  });
  it('missing parameter → NOT_APPLICABLE naming it', () => {
    expect(run(proposal('1.00'), params({ 'incentiveCap.maxRatio': null }))).toMatchObject({ status: 'NOT_APPLICABLE', missingParameter: 'incentiveCap.maxRatio' });
  });
  it('an approved exception → EXEMPT naming the document', () => {
    const r = run(proposal('12000000.00'), p, { exceptions: [exception('incentive-cap', 'PROPOSAL', 'inc-1')] });
    expect(r.status).toBe('EXEMPT');
    expect(r.explanation.en).toContain('武金控批〔2025〕12号');
  });
});
