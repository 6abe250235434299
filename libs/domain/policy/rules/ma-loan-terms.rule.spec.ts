import { describe, expect, it } from '@jest/globals';
import type { MaLoanFacts } from '../facts.js';
import { ctxOf, exception, facts, one, params } from '../testing/policy-fixtures.js';
import { maLoanTerms } from './ma-loan-terms.rule.js';

const p = params();
const loan = (loanAmount: string, maturityDate = '2030-01-01', extra: Partial<MaLoanFacts> = {}): MaLoanFacts => ({
  id: 'loan-1',
  label: '收购某公司并购贷款',
  controlling: true,
  dealAmount: '100000000.00',
  loanAmount,
  startDate: '2025-01-01',
  maturityDate,
  ...extra,
});
const run = (l: MaLoanFacts, q = p, extra = {}) => one(maLoanTerms(facts({ maLoans: [l], ...extra }), q, ctxOf(q)), 'loan-1');

describe('§二(三)11 ma-loan-terms: a controlling-acquisition loan covers at most 80% of the deal and runs at most 10 years', () => {
  it('exactly 80% of the deal: WARN, zero headroom', () => {
    expect(run(loan('80000000.00'))).toMatchObject({ status: 'WARN', threshold: '0.800000', actual: '0.800000', headroom: '0.00', headroomUnit: 'yuan' });
  });
  it('one fen over 80% fails, one fen under is WARN', () => {
    const r = run(loan('80000000.01'));
    expect(r.status).toBe('FAIL');
    expect(r.explanation.zh).toBe(
      '超出并购贷款条件：贷款 80,000,000.01 元 占并购交易额 100,000,000.00 元 的 80.0000%（上限 80.0000%）；期限 5.00 年（2025-01-01 至 2030-01-01，上限 10.00 年）（武政办〔2025〕67号 §二(三)11）',
    );
    expect(run(loan('79999999.99')).status).toBe('WARN');
  });
  it('one millionth either side', () => {
    expect(run(loan('80000100.00'))).toMatchObject({ status: 'FAIL', actual: '0.800001' });
    expect(run(loan('79999900.00'))).toMatchObject({ status: 'WARN', actual: '0.799999' });
  });
  it('exactly 10 years is within the term; one day more fails and the figures switch to years', () => {
    expect(run(loan('10000000.00', '2035-01-01'))).toMatchObject({ status: 'WARN', unit: 'years', actual: '10.000000' });
    const r = run(loan('10000000.00', '2035-01-02'));
    expect(r).toMatchObject({ status: 'FAIL', unit: 'years', threshold: '10.000000', actual: '10.002740' });
    expect(r.explanation.en).toContain('term 10.00 years');
  });
  it('a modest loan passes on both', () => {
    expect(run(loan('50000000.00'))).toMatchObject({ status: 'PASS', unit: 'ratio', headroom: '30000000.00' });
  });
  it('a non-controlling acquisition is not judged', () => {
    expect(run(loan('99000000.00', '2030-01-01', { controlling: false })).status).toBe('NOT_APPLICABLE');
  });
  it('missing parameters → NOT_APPLICABLE naming one; one missing → the other is judged and the gap is said', () => {
    const none = params({ 'maLoan.maxLoanToDealRatio': null, 'maLoan.maxTermYears': null });
    expect(run(loan('1.00'), none)).toMatchObject({ status: 'NOT_APPLICABLE', missingParameter: 'maLoan.maxLoanToDealRatio' });
    const r = run(loan('90000000.00', '2045-01-01'), params({ 'maLoan.maxLoanToDealRatio': null }));
    expect(r).toMatchObject({ status: 'FAIL', unit: 'years' });
    expect(r.explanation.en).toContain('loan-to-deal not judged (maLoan.maxLoanToDealRatio missing)');
  });
  it('an approved exception → EXEMPT naming the document', () => {
    const r = run(loan('90000000.00'), p, { exceptions: [exception('ma-loan-terms', 'MA_LOAN', 'loan-1')] });
    expect(r.status).toBe('EXEMPT');
    expect(r.exception?.documentNo).toBe('武金控批〔2025〕12号');
  });
});
