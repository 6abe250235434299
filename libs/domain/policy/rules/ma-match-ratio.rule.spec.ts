import { describe, expect, it } from '@jest/globals';
import type { LpCommitment } from '../facts.js';
import { ctxOf, exception, facts, one, params, subFund } from '../testing/policy-fixtures.js';
import { maMatchRatio } from './ma-match-ratio.rule.js';

const p = params();
const listed = (amount: string): LpCommitment => ({ investorKind: 'LISTED_COMPANY', investorName: '某上市公司', amount });
const run = (fofCommitment: string, lps: LpCommitment[], q = p, extra = {}, category: 'MA' | 'VC' = 'MA') =>
  one(maMatchRatio(facts({ subFunds: [subFund({ id: 'ma-1', label: '武汉并购基金', category, fofCommitment, lpCommitments: lps })], ...extra }), q, ctxOf(q)), 'ma-1');

describe('§二(三)11 ma-match-ratio: the FoF contributes at most 1:1 with the listed-company / chain-leader / seed-company partner', () => {
  it('exactly 1:1 is within the limit, WARN zone, zero headroom', () => {
    expect(run('300000000.00', [listed('300000000.00')])).toMatchObject({ status: 'WARN', threshold: '1.000000', actual: '1.000000', headroom: '0.00' });
  });
  it('one fen either side', () => {
    const over = run('300000000.01', [listed('300000000.00')]);
    expect(over.status).toBe('FAIL');
    expect(over.explanation.zh).toBe(
      '母基金出资 300,000,000.01 元 与合作方（某上市公司）出资 300,000,000.00 元 之比 1.000000:1 超过上限 1.000000:1（须减少 0.01 元）（武政办〔2025〕67号 §二(三)11）',
    );
    expect(run('299999999.99', [listed('300000000.00')]).status).toBe('WARN');
  });
  it('one millionth either side', () => {
    expect(run('1000001.00', [listed('1000000.00')])).toMatchObject({ status: 'FAIL', actual: '1.000001' });
    expect(run('999999.00', [listed('1000000.00')])).toMatchObject({ status: 'WARN', actual: '0.999999' });
  });
  it('sums every partner of the listed kinds and ignores other LPs', () => {
    const lps: LpCommitment[] = [listed('100.00'), { investorKind: 'CHAIN_LEADER', investorName: '链主', amount: '100.00' }, { investorKind: 'INSURER', investorName: '险资', amount: '500.00' }];
    expect(run('150.00', lps)).toMatchObject({ status: 'PASS', actual: '0.750000', headroom: '50.00' });
  });
  it('a fund without such a partner, or not an M&A fund, is not judged', () => {
    expect(run('100.00', [{ investorKind: 'INSURER', investorName: '险资', amount: '100.00' }]).status).toBe('NOT_APPLICABLE');
    expect(run('100.00', [listed('1.00')], p, {}, 'VC').status).toBe('NOT_APPLICABLE');
  });
  it('missing parameter → NOT_APPLICABLE naming it', () => {
    expect(run('1.00', [listed('1.00')], params({ 'maMatch.maxRatio': null }))).toMatchObject({ status: 'NOT_APPLICABLE', missingParameter: 'maMatch.maxRatio' });
  });
  it('an approved exception → EXEMPT naming the document', () => {
    const r = run('200.00', [listed('100.00')], p, { exceptions: [exception('ma-match-ratio', 'SUB_FUND', 'ma-1')] });
    expect(r.status).toBe('EXEMPT');
    expect(r.explanation.zh).toContain('武金控批〔2025〕12号');
  });
});
