import { describe, expect, it } from '@jest/globals';
import type { SubFundFacts } from '../facts.js';
import { ctxOf, exception, facts, one, params, subFund } from '../testing/policy-fixtures.js';
import { lossToleranceSeedFund } from './loss-tolerance-seed-fund.rule.js';

const p = params();
/** A seed fund whose FoF position has paid-in 10,000,000.00 and recovered (distributed + nav) `recovered`. */
const seed = (recovered: string, extra: Partial<SubFundFacts> = {}, paidIn = '10000000.00'): SubFundFacts =>
  subFund({ id: 'seed-1', label: '光谷种子基金', category: 'SEED', fofPosition: { paidIn, distributed: '0.00', nav: recovered }, ...extra });
const run = (funds: SubFundFacts[], q = p, extra = {}) => lossToleranceSeedFund(facts({ subFunds: funds, ...extra }), q, ctxOf(q));

describe('§二(一)5 loss-tolerance-seed-fund: a seed fund may lose up to 80% of its total investment (per fund, paid-in, lifecycle)', () => {
  it('a loss of exactly 80%: WARN, zero headroom', () => {
    expect(one(run([seed('2000000.00')]), 'seed-1')).toMatchObject({ status: 'WARN', threshold: '0.800000', actual: '0.800000', headroom: '0.00', headroomUnit: 'yuan' });
  });
  it('one fen more loss fails, one fen less is WARN', () => {
    const r = one(run([seed('1999999.99')]), 'seed-1');
    expect(r.status).toBe('FAIL');
    expect(r.explanation.zh).toBe(
      '亏损 8,000,000.01 元，占实缴出资 10,000,000.00 元 的 80.0000%，超过容忍上限 80.0000%（全生命周期截至 2025-12-31；超出 0.01 元）（武政办〔2025〕67号 §二(一)5）',
    );
    expect(one(run([seed('2000000.01')]), 'seed-1').status).toBe('WARN');
  });
  it('one millionth either side', () => {
    expect(one(run([seed('199999.00', {}, '1000000.00')]), 'seed-1')).toMatchObject({ status: 'FAIL', actual: '0.800001' });
    expect(one(run([seed('200001.00', {}, '1000000.00')]), 'seed-1')).toMatchObject({ status: 'WARN', actual: '0.799999' });
  });
  it('a 50% loss passes and states how much more loss is tolerated', () => {
    const r = one(run([seed('5000000.00')]), 'seed-1');
    expect(r).toMatchObject({ status: 'PASS', actual: '0.500000', headroom: '3000000.00' });
    expect(r.explanation.en).toContain('CNY 3,000,000.00 more loss tolerated');
  });
  it('a liquidated fund is judged at liquidation; other categories are not this rule’s subjects', () => {
    const rs = run([seed('1000000.00', { status: 'LIQUIDATED', liquidatedOn: '2025-06-30' }), subFund({ id: 'vc-1' })]);
    expect(rs).toHaveLength(1);
    expect(one(rs, 'seed-1').explanation.zh).toContain('清算时');
  });
  it('scope CATEGORY nets the seed funds into one pool', () => {
    const q = params({ 'lossTolerance.seedFund.scope': 'CATEGORY' });
    const rs = run([seed('0.00'), seed('18000000.00', { id: 'seed-2' })], q);
    expect(rs).toHaveLength(1);
    expect(rs[0]).toMatchObject({ status: 'PASS', subject: { type: 'CATEGORY', id: 'SUB_FUND:SEED' }, actual: '0.100000' });
  });
  it('measured AT_LIQUIDATION: not judged before liquidation, but the loss to date is shown', () => {
    const q = params({ 'lossTolerance.seedFund.measuredAt': 'AT_LIQUIDATION' });
    expect(one(run([seed('0.00')], q), 'seed-1')).toMatchObject({ status: 'NOT_APPLICABLE', actual: '1.000000', threshold: '0.800000' });
    expect(one(run([seed('0.00', { status: 'LIQUIDATED' })], q), 'seed-1').status).toBe('FAIL');
  });
  it('missing parameter → NOT_APPLICABLE naming it', () => {
    const r = one(run([seed('0.00')], params({ 'lossTolerance.seedFund.maxLossRatio': null })), 'seed-1');
    expect(r).toMatchObject({ status: 'NOT_APPLICABLE', missingParameter: 'lossTolerance.seedFund.maxLossRatio' });
  });
  it('a fund with nothing paid in is not judged', () => {
    expect(one(run([seed('0.00', {}, '0.00')]), 'seed-1').status).toBe('NOT_APPLICABLE');
  });
  it('an approved exception → EXEMPT naming the document', () => {
    const r = one(run([seed('0.00')], p, { exceptions: [exception('loss-tolerance-seed-fund', 'SUB_FUND', 'seed-1')] }), 'seed-1');
    expect(r.status).toBe('EXEMPT');
    expect(r.explanation.zh).toContain('武金控批〔2025〕12号');
  });
});
