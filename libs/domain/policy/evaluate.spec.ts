import { describe, expect, it } from '@jest/globals';
import { RULE_IDS } from './check-result.js';
import { RULES, diffChecks, evaluateAll, filterChecks, grandfather, summarizeChecks } from './evaluate.js';
import type { PolicyFacts, SubFundFacts } from './facts.js';
import type { PolicyPack } from './policy-pack.js';
import { facts, subFund, testPack } from './testing/policy-fixtures.js';

const pack = testPack();
const lp = (amount: string) => [{ investorKind: 'INSURER' as const, investorName: '某保险', amount }];
const angel = (fof: string, extra: Partial<SubFundFacts> = {}) =>
  subFund({ id: 'angel-1', label: '光谷天使基金', category: 'ANGEL', fofCommitment: fof, lpCommitments: lp('60000000.00'), ...extra });
const portfolio = (fof = '40000000.00'): PolicyFacts =>
  facts({
    subFunds: [angel(fof, { fofPosition: { paidIn: '10000000.00', distributed: '0.00', nav: '5000000.00' } }), subFund({ id: 'ind-1', category: 'INDUSTRY', termEnd: '2050-01-01' })],
  });

describe('evaluateAll: every rule, with the parameters in force on the as-of date', () => {
  it('registers the eleven rules of domain.md, once each, in order', () => {
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
    expect(RULES.map((r) => r.clause)).toEqual(['§二(一)1', '§二(一)1', '§二(一)1', '§二(一)1', '§二(一)1', '§二(一)4', '§二(三)11', '§二(三)11', '§二(一)5', '§二(一)5', '§二(一)5']);
  });
  it('returns one result per rule and subject', () => {
    const results = evaluateAll(portfolio(), pack, '2025-12-31');
    const keys = results.map((r) => `${r.ruleId}|${r.subject.id}|${r.subject.period ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(filterChecks(results, { subjectId: 'angel-1', ruleId: 'gov-share-cap' })).toHaveLength(1);
    expect(filterChecks(results, { ruleId: 'loss-tolerance-angel-fund' })[0]).toMatchObject({ status: 'PASS', actual: '0.500000' });
  });
  it('filters by rule, status (one or several), subject id and type', () => {
    const results = evaluateAll(portfolio(), pack, '2025-12-31');
    expect(filterChecks(results, { status: 'NOT_APPLICABLE', subjectId: 'ind-1' }).map((r) => r.ruleId)).toEqual(['gov-share-cap', 'fund-term-max', 'handoff-annual-cap', 'ma-match-ratio']);
    expect(filterChecks(results, { status: ['PASS', 'WARN'], subjectType: 'SUB_FUND', ruleId: ['gov-share-cap', 'fund-term-max'] })).toHaveLength(2);
  });
  it('runs only the rules asked for', () => {
    expect(new Set(evaluateAll(portfolio(), pack, '2025-12-31', { ruleIds: ['fund-term-max'] }).map((r) => r.ruleId))).toEqual(new Set(['fund-term-max']));
  });
  it('summarizes counts and the worst status', () => {
    const s = summarizeChecks(evaluateAll(portfolio('70000000.00'), pack, '2025-12-31'));
    expect(s.worst).toBe('FAIL');
    expect(s.counts.FAIL).toBe(1);
    expect(summarizeChecks([]).worst).toBeNull();
  });
});

describe('diffChecks: what-if before a decision', () => {
  it('shows the checks a proposed commitment changes, with before and after', () => {
    const before = evaluateAll(portfolio('40000000.00'), pack, '2025-12-31');
    const after = evaluateAll(portfolio('70000000.00'), pack, '2025-12-31');
    const changes = diffChecks(before, after);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ ruleId: 'gov-share-cap', subject: { id: 'angel-1' }, statusChanged: true, actualChanged: true });
    expect(changes[0]!.before).toMatchObject({ status: 'PASS', actual: '0.400000', headroom: '20000000.00' });
    expect(changes[0]!.after).toMatchObject({ status: 'FAIL', actual: '0.538462' });
  });
  it('reports a new subject and a vanished one', () => {
    const base = evaluateAll(portfolio(), pack, '2025-12-31');
    const withLoan = evaluateAll(
      { ...portfolio(), maLoans: [{ id: 'l', label: 'x', controlling: true, dealAmount: '10.00', loanAmount: '9.00', startDate: '2025-01-01', maturityDate: '2026-01-01' }] },
      pack,
      '2025-12-31',
    );
    expect(diffChecks(base, withLoan).map((c) => [c.ruleId, c.before, c.after?.status])).toEqual([['ma-loan-terms', null, 'FAIL']]);
    expect(diffChecks(withLoan, base).map((c) => [c.ruleId, c.before?.status, c.after])).toEqual([['ma-loan-terms', 'FAIL', null]]);
    expect(diffChecks(base, base)).toEqual([]);
  });
});

describe('grandfather: a decision judged by the rules in force when it was made, next to today’s', () => {
  const dated: PolicyPack = {
    ...testPack({}, '2024-01-01'),
    parameters: {
      ...testPack({}, '2024-01-01').parameters,
      'govShareCap.maxRatio': {
        unit: 'ratio',
        description: 'share cap',
        versions: [
          { from: '2024-01-01', value: '0.6', clause: '§old' },
          { from: '2025-06-07', value: '0.5', clause: '§二(一)1' },
        ],
      },
    },
  };
  it('a 55% commitment made in 2024 passed then, and would fail under today’s 50%', () => {
    const f = facts({ subFunds: [angel('55.00', { lpCommitments: lp('45.00') })] });
    const report = grandfather(f, dated, '2024-09-30', '2025-12-31');
    const row = report.rows.find((r) => r.ruleId === 'gov-share-cap')!;
    expect(row.changed).toBe(true);
    expect(row.atDecision).toMatchObject({ status: 'WARN', threshold: '0.600000', clause: '§old', parameterVersionFrom: '2024-01-01' });
    expect(row.underToday).toMatchObject({ status: 'FAIL', threshold: '0.500000', clause: '§二(一)1', parameterVersionFrom: '2025-06-07' });
    expect(report.rows.filter((r) => r.changed).map((r) => r.ruleId)).toEqual(['gov-share-cap']);
  });
});
