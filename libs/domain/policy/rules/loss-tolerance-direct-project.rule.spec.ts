import { describe, expect, it } from '@jest/globals';
import type { DirectInvestmentFacts, DueDiligenceStatus } from '../facts.js';
import { ctxOf, directInvestment, exception, facts, one, params } from '../testing/policy-fixtures.js';
import { lossToleranceDirectProject } from './loss-tolerance-direct-project.rule.js';

const p = params();
const direct = (nav: string, dueDiligence: DueDiligenceStatus | null = 'PASSED', extra: Partial<DirectInvestmentFacts> = {}): DirectInvestmentFacts =>
  directInvestment({ id: 'd1', label: '丙公司', stage: 'SEED', amount: '2000000.00', figures: { paidIn: '2000000.00', distributed: '0.00', nav }, dueDiligence, ...extra });
const run = (list: DirectInvestmentFacts[], q = p, extra = {}) => lossToleranceDirectProject(facts({ directInvestments: list, ...extra }), q, ctxOf(q));

describe('§二(一)5 loss-tolerance-direct-project: a seed/angel-stage direct investment may lose up to 100%, subject to the due-diligence assessment', () => {
  it('a full write-off with a passed assessment is within the 100% tolerance (WARN: at the limit)', () => {
    const r = one(run([direct('0.00', 'PASSED', { exitedOn: '2025-10-01' })]), 'd1');
    expect(r).toMatchObject({ status: 'WARN', threshold: '1.000000', actual: '1.000000', headroom: '0.00' });
    expect(r.explanation.zh).toContain('清算时');
    expect(r.explanation.zh).toContain('尽责评估已通过');
  });
  it('a failed assessment removes the tolerance: FAIL', () => {
    const r = one(run([direct('1000000.00', 'FAILED')]), 'd1');
    expect(r.status).toBe('FAIL');
    expect(r.explanation.en).toContain('requires a passed due-diligence assessment, which failed');
  });
  it('an assessment still pending: WARN, and says so; no loss needs no assessment', () => {
    const r = one(run([direct('1500000.00', null)]), 'd1');
    expect(r).toMatchObject({ status: 'WARN', actual: '0.250000' });
    expect(r.explanation.zh).toContain('评估尚未完成');
    expect(one(run([direct('2500000.00', null)]), 'd1').status).toBe('PASS');
  });
  it('at a 40% stage tolerance: exactly at the limit, one fen and one millionth either side', () => {
    const q = params({ 'lossTolerance.directProject.seedMaxLossRatio': '0.4' });
    expect(one(run([direct('1200000.00')], q), 'd1')).toMatchObject({ status: 'WARN', actual: '0.400000' });
    expect(one(run([direct('1199999.99')], q), 'd1').status).toBe('FAIL');
    expect(one(run([direct('1200000.01')], q), 'd1').status).toBe('WARN');
    expect(one(run([direct('1199998.00')], q), 'd1')).toMatchObject({ status: 'FAIL', actual: '0.400001' });
    expect(one(run([direct('1200002.00')], q), 'd1')).toMatchObject({ status: 'WARN', actual: '0.399999' });
  });
  it('scope CATEGORY pools each stage against its total (Guangzhou Huangpu style: seed 50%)', () => {
    const q = params({ 'lossTolerance.directProject.scope': 'CATEGORY', 'lossTolerance.directProject.basis': 'CATEGORY_TOTAL', 'lossTolerance.directProject.seedMaxLossRatio': '0.5' });
    const list = [direct('0.00'), direct('2000000.00', 'PASSED', { id: 'd2' })];
    expect(one(run(list, q), 'DIRECT:SEED')).toMatchObject({ status: 'WARN', actual: '0.500000', subject: { type: 'CATEGORY' } });
    const worse = [direct('0.00'), direct('1999999.99', 'PASSED', { id: 'd2' })];
    expect(one(run(worse, q), 'DIRECT:SEED').status).toBe('FAIL');
  });
  it('growth-stage direct investments are not this rule’s subjects; a scope that does not fit is said', () => {
    expect(run([direct('0.00', 'PASSED', { stage: 'GROWTH' })])).toEqual([]);
    const r = one(run([direct('0.00')], params({ 'lossTolerance.directProject.scope': 'SUB_FUND' })), 'd1');
    expect(r.status).toBe('NOT_APPLICABLE');
  });
  it('missing parameter → NOT_APPLICABLE naming it (per stage)', () => {
    const q = params({ 'lossTolerance.directProject.startupMaxLossRatio': null });
    const rs = run([direct('0.00'), direct('0.00', 'PASSED', { id: 'd2', stage: 'STARTUP' })], q);
    expect(one(rs, 'd1').status).toBe('WARN');
    expect(one(rs, 'd2')).toMatchObject({ status: 'NOT_APPLICABLE', missingParameter: 'lossTolerance.directProject.startupMaxLossRatio' });
  });
  it('an approved exception → EXEMPT naming the document', () => {
    const r = one(run([direct('0.00', 'FAILED')], p, { exceptions: [exception('loss-tolerance-direct-project', 'DIRECT_INVESTMENT', 'd1')] }), 'd1');
    expect(r.status).toBe('EXEMPT');
    expect(r.explanation.zh).toContain('武金控批〔2025〕12号');
  });
});
