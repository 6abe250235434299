import { describe, expect, it } from '@jest/globals';
import type { ProjectInvestmentFacts } from '../facts.js';
import { ctxOf, directInvestment, exception, facts, FOF, one, params, projectInvestment, subFund } from '../testing/policy-fixtures.js';
import { earlyStageProjectCap } from './early-stage-project-cap.rule.js';

const p = params();
const fund = subFund({
  id: 'angel-1',
  label: '光谷天使基金',
  category: 'ANGEL',
  fofCommitment: '40000000.00',
  lpCommitments: [{ investorKind: 'OTHER', investorName: 'x', amount: '60000000.00' }],
  projectCaps: { SEED: '5000000.00', STARTUP: '8000000.00' },
});
const seedRound = (amount: string, extra: Partial<ProjectInvestmentFacts> = {}) =>
  projectInvestment({ id: 'r1', subFundId: 'angel-1', projectId: 'proj-a', label: '甲公司', stage: 'SEED', amount, ...extra });
const run = (investments: ProjectInvestmentFacts[], q = p, extra = {}) =>
  earlyStageProjectCap(facts({ subFunds: [fund], projectInvestments: investments, ...extra }), q, ctxOf(q));
const ID = 'angel-1:proj-a:SEED';

describe('§二(一)1 early-stage-project-cap: each seed/angel-stage project within the cap set for that fund and stage', () => {
  it('exactly at the fund’s seed-stage cap: WARN, zero headroom', () => {
    expect(one(run([seedRound('5000000.00')]), ID)).toMatchObject({ status: 'WARN', threshold: '5000000.00', actual: '5000000.00', headroom: '0.00', unit: 'yuan' });
  });
  it('one fen over fails, one fen under is WARN, 80% passes', () => {
    const over = one(run([seedRound('5000000.01')]), ID);
    expect(over.status).toBe('FAIL');
    expect(over.explanation.zh).toBe('种子期单个项目投资 5,000,000.01 元 超过上限 5,000,000.00 元（基金文件设定）（武政办〔2025〕67号 §二(一)1）');
    expect(over.headroom).toBe('-0.01');
    expect(one(run([seedRound('4999999.99')]), ID).status).toBe('WARN');
    expect(one(run([seedRound('4000000.00')]), ID).status).toBe('PASS');
  });
  it('adds up the rounds in one project at one stage', () => {
    const r = one(run([seedRound('3000000.00'), seedRound('2500000.00', { id: 'r2' })]), ID);
    expect(r).toMatchObject({ status: 'FAIL', actual: '5500000.00' });
    expect(r.subject.label).toBe('光谷天使基金 / 甲公司');
  });
  it('uses the angel-stage (STARTUP) cap for an angel-stage project and ignores growth-stage rounds', () => {
    const rs = run([seedRound('6000000.00', { stage: 'STARTUP' }), seedRound('90000000.00', { id: 'g', stage: 'GROWTH' })]);
    expect(rs).toHaveLength(1);
    expect(one(rs, 'angel-1:proj-a:STARTUP')).toMatchObject({ status: 'PASS', threshold: '8000000.00' });
  });
  it('the pack may cap a project at a share of the fund (郑政办〔2024〕47号 style: 20% of the sub-fund), lowest cap wins', () => {
    const q = params({ 'earlyStageProjectCap.seedMaxRatio': '0.2', 'earlyStageProjectCap.startupMaxRatio': '0.2' });
    const noOwnCaps = subFund({ ...fund, projectCaps: null });
    const r = one(earlyStageProjectCap(facts({ subFunds: [noOwnCaps], projectInvestments: [seedRound('20000000.01')] }), q, ctxOf(q)), ID);
    expect(r).toMatchObject({ status: 'FAIL', threshold: '20000000.00' });
    expect(r.explanation.en).toContain('20.0000% of the fund');
    expect(one(run([seedRound('5000000.01')], q), ID).threshold).toBe('5000000.00');
  });
  it('judges the FoF’s direct investments against its own caps', () => {
    const rs = earlyStageProjectCap(
      facts({ fof: { ...FOF, directProjectCaps: { SEED: '3000000.00' } }, directInvestments: [directInvestment({ id: 'd1', amount: '3000000.01' })] }),
      p,
      ctxOf(p),
    );
    expect(one(rs, 'd1')).toMatchObject({ status: 'FAIL', subject: { type: 'DIRECT_INVESTMENT', id: 'd1', label: '直投 d1' } });
  });
  it('no cap anywhere (the Wuhan text gives no number) → NOT_APPLICABLE naming the parameter', () => {
    const noOwnCaps = subFund({ ...fund, projectCaps: null });
    const r = one(earlyStageProjectCap(facts({ subFunds: [noOwnCaps], projectInvestments: [seedRound('1.00')] }), p, ctxOf(p)), ID);
    expect(r).toMatchObject({ status: 'NOT_APPLICABLE', missingParameter: 'earlyStageProjectCap.seedMaxYuan', actual: '1.00' });
    expect(r.explanation.en).toContain('earlyStageProjectCap.seedMaxRatio');
  });
  it('an approved exception → EXEMPT naming the document', () => {
    const r = one(run([seedRound('6000000.00')], p, { exceptions: [exception('early-stage-project-cap', 'PROJECT_INVESTMENT', ID)] }), ID);
    expect(r.status).toBe('EXEMPT');
    expect(r.explanation.zh).toContain('武金控批〔2025〕12号');
  });
});
