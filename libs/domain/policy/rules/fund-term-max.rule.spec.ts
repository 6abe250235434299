import { describe, expect, it } from '@jest/globals';
import { ctxOf, exception, facts, one, params, subFund } from '../testing/policy-fixtures.js';
import { fundTermMax } from './fund-term-max.rule.js';
import { yearsBetween } from '../rule-kit.js';

const p = params();
const run = (termEnd: string, category: 'SEED' | 'VC' | 'INDUSTRY' = 'VC', extra = {}, q = p) =>
  one(fundTermMax(facts({ subFunds: [subFund({ id: 'sf', category, firstClose: '2012-03-15', termEnd })], ...extra }), q, ctxOf(q)), 'sf');

describe('§二(一)1 fund-term-max: a VC-type sub-fund lasts at most 15 years, extensions included', () => {
  it('exactly 15 years (the 15th anniversary) is within the limit, WARN zone, zero headroom', () => {
    expect(run('2027-03-15')).toMatchObject({ status: 'WARN', threshold: '15.000000', actual: '15.000000', headroom: '0.000000', unit: 'years' });
  });
  it('one day over fails; one day under is WARN', () => {
    const over = run('2027-03-16');
    expect(over.status).toBe('FAIL');
    expect(over.actual).toBe('15.002732'); // 1/366: the year to 2028-03-15 has a 29 February
    expect(over.explanation.zh).toBe('存续期 15.00 年（2012-03-15 至 2027-03-16，含延期）超过上限 15.00 年，最晚 2027-03-15（武政办〔2025〕67号 §二(一)1）');
    expect(run('2027-03-14').status).toBe('WARN');
  });
  it('a 10-year fund passes with 5 years of headroom', () => {
    expect(run('2022-03-15')).toMatchObject({ status: 'PASS', actual: '10.000000', headroom: '5.000000' });
  });
  it('WARN starts at 90% of the limit (13.5 years)', () => {
    expect(run('2025-09-13').status).toBe('PASS'); // 13 + 182/365
    expect(run('2025-09-14').status).toBe('WARN'); // 13 + 183/365
  });
  it('does not apply to an INDUSTRY fund', () => {
    expect(run('2040-01-01', 'INDUSTRY').status).toBe('NOT_APPLICABLE');
  });
  it('missing parameter → NOT_APPLICABLE naming it', () => {
    const r = run('2027-03-16', 'VC', {}, params({ 'fundTermMax.maxYears': null }));
    expect(r).toMatchObject({ status: 'NOT_APPLICABLE', missingParameter: 'fundTermMax.maxYears', unit: 'years' });
  });
  it('an approved extension beyond 15 years → EXEMPT naming the document', () => {
    const r = run('2029-03-15', 'SEED', { exceptions: [exception('fund-term-max', 'SUB_FUND', 'sf')] });
    expect(r.status).toBe('EXEMPT');
    expect(r.explanation.en).toContain('Approved exception 武金控批〔2025〕12号');
  });
  it('counts years across 29 February exactly', () => {
    expect(yearsBetween('2024-02-29', '2025-02-28').toFixed()).toBe('1');
    expect(yearsBetween('2020-01-01', '2020-07-02').toFixed(6)).toBe('0.500000'); // 183/366
  });
});
