import { describe, expect, it } from '@jest/globals';
import type { ProjectInvestmentFacts, SubFundFacts } from '../facts.js';
import { ctxOf, exception, facts, one, params, projectInvestment, subFund } from '../testing/policy-fixtures.js';
import { lossToleranceAngelFund } from './loss-tolerance-angel-fund.rule.js';
import { lossToleranceSeedFund } from './loss-tolerance-seed-fund.rule.js';

const p = params();
const angel = (nav: string, extra: Partial<SubFundFacts> = {}): SubFundFacts =>
  subFund({ id: 'angel-1', label: '光谷天使基金', category: 'ANGEL', fofPosition: { paidIn: '1000000.00', distributed: '0.00', nav }, ...extra });
/** A project a VC fund took over from an angel fund (§二(一)4), with the VC fund's cost 1,000,000.00. */
const handoff = (nav: string, extra: Partial<ProjectInvestmentFacts> = {}): ProjectInvestmentFacts =>
  projectInvestment({
    id: 'ho-1',
    subFundId: 'vc-1',
    label: '乙公司',
    amount: '1000000.00',
    investedOn: '2025-02-01',
    handoff: true,
    sourceFundCategory: 'ANGEL',
    sourceFundId: 'angel-1',
    figures: { paidIn: '1000000.00', distributed: '0.00', nav },
    ...extra,
  });
const run = (f: Partial<Parameters<typeof facts>[0]>, q = p) => lossToleranceAngelFund(facts(f), q, ctxOf(q));

describe('§二(一)5 loss-tolerance-angel-fund: an angel fund may lose up to 60%', () => {
  it('exactly 60%: WARN; one fen either side', () => {
    expect(one(run({ subFunds: [angel('400000.00')] }), 'angel-1')).toMatchObject({ status: 'WARN', actual: '0.600000', headroom: '0.00' });
    expect(one(run({ subFunds: [angel('399999.99')] }), 'angel-1').status).toBe('FAIL');
    expect(one(run({ subFunds: [angel('400000.01')] }), 'angel-1').status).toBe('WARN');
  });
  it('one millionth either side', () => {
    expect(one(run({ subFunds: [angel('399999.00')] }), 'angel-1')).toMatchObject({ status: 'FAIL', actual: '0.600001' });
    expect(one(run({ subFunds: [angel('400001.00')] }), 'angel-1')).toMatchObject({ status: 'WARN', actual: '0.599999' });
  });
  it('a gain passes with the full tolerance as headroom', () => {
    expect(one(run({ subFunds: [angel('1500000.00')] }), 'angel-1')).toMatchObject({ status: 'PASS', actual: '0.000000', headroom: '600000.00' });
  });
});

describe('§二(一)4 + §二(一)5 a hand-off keeps its source fund’s tolerance', () => {
  const vc = subFund({ id: 'vc-1', label: '光谷创投基金', category: 'VC' });
  it('a hand-off from an angel fund inside a VC fund is judged with the angel 60% tolerance, on its own cost', () => {
    const r = one(run({ subFunds: [vc], projectInvestments: [handoff('300000.00')] }), 'ho-1');
    expect(r).toMatchObject({ status: 'FAIL', threshold: '0.600000', actual: '0.700000', subject: { type: 'PROJECT_INVESTMENT', label: '乙公司（承接自天使基金）' } });
    expect(r.explanation.zh).toContain('承接项目沿用天使基金容错政策（§二(一)4）');
    expect(one(run({ subFunds: [vc], projectInvestments: [handoff('400000.00')] }), 'ho-1').status).toBe('WARN');
  });
  it('the seed-fund rule does not judge a hand-off from an angel fund, nor does a non-hand-off count', () => {
    expect(lossToleranceSeedFund(facts({ subFunds: [vc], projectInvestments: [handoff('0.00')] }), p, ctxOf(p))).toEqual([]);
    expect(run({ subFunds: [vc], projectInvestments: [handoff('0.00', { handoff: false })] })).toEqual([]);
  });
  it('a hand-off without figures is not judged and says so', () => {
    const r = one(run({ subFunds: [vc], projectInvestments: [handoff('0.00', { figures: null })] }), 'ho-1');
    expect(r.status).toBe('NOT_APPLICABLE');
    expect(r.explanation.en).toContain('no figures');
  });
  it('missing parameter → NOT_APPLICABLE naming it, for the angel funds and the hand-offs', () => {
    const rs = run({ subFunds: [angel('0.00'), vc], projectInvestments: [handoff('0.00')] }, params({ 'lossTolerance.angelFund.maxLossRatio': null }));
    expect(rs.map((r) => [r.subject.id, r.status, r.missingParameter])).toEqual([
      ['angel-1', 'NOT_APPLICABLE', 'lossTolerance.angelFund.maxLossRatio'],
      ['ho-1', 'NOT_APPLICABLE', 'lossTolerance.angelFund.maxLossRatio'],
    ]);
  });
  it('an approved exception for the hand-off → EXEMPT naming the document', () => {
    const r = one(run({ subFunds: [vc], projectInvestments: [handoff('0.00')], exceptions: [exception('loss-tolerance-angel-fund', 'PROJECT_INVESTMENT', 'ho-1')] }), 'ho-1');
    expect(r.status).toBe('EXEMPT');
    expect(r.explanation.en).toContain('武金控批〔2025〕12号');
  });
});
