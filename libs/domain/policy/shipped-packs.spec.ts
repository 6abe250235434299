import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyFacts } from './facts.js';
import { PARAMETER_CATALOG } from './parameter-catalog.js';
import { parameterOf, resolveParameters } from './policy-pack.js';
import { RULE_IDS } from './check-result.js';
import { evaluateAll } from './evaluate.js';
import { validatePack } from './validate-pack.js';
import { WUHAN_VALUES, directInvestment, facts, projectInvestment, subFund } from './testing/policy-fixtures.js';

const load = (id: string) => validatePack(JSON.parse(readFileSync(join(process.cwd(), 'policy-packs', `${id}.json`), 'utf8')));
const wuhan = load('wuhan-2025');
const zhengzhou = load('zhengzhou-2025');

/** A portfolio where every one of the eleven rules has a subject. */
function everyRuleFacts(): PolicyFacts {
  const lp = (amount: string) => [{ investorKind: 'LISTED_COMPANY' as const, investorName: '某上市公司', amount }];
  return facts({
    subFunds: [
      subFund({ id: 'seed-1', category: 'SEED', fofCommitment: '50.00', lpCommitments: lp('50.00'), fofPosition: { paidIn: '50.00', distributed: '0.00', nav: '20.00' } }),
      subFund({ id: 'angel-1', category: 'ANGEL', fofCommitment: '40.00', lpCommitments: lp('60.00'), fofPosition: { paidIn: '40.00', distributed: '0.00', nav: '30.00' }}),
      subFund({ id: 'vc-1', category: 'VC', fofCommitment: '30.00', lpCommitments: lp('70.00') }),
      subFund({ id: 'ma-1', category: 'MA', fofCommitment: '30.00', lpCommitments: lp('30.00') }),
    ],
    projectInvestments: [
      projectInvestment({ id: 'p1', subFundId: 'angel-1', stage: 'SEED', amount: '5.00' }),
      projectInvestment({ id: 'p2', subFundId: 'vc-1', amount: '95.00' }),
      projectInvestment({
        id: 'h1',
        subFundId: 'vc-1',
        amount: '5.00',
        handoff: true,
        sourceFundCategory: 'ANGEL',
        figures: { paidIn: '5.00', distributed: '0.00', nav: '4.00' },
      }),
    ],
    directInvestments: [
      directInvestment({ id: 'd-seed', stage: 'SEED', amount: '10.00', figures: { paidIn: '10.00', distributed: '0.00', nav: '5.00' }, dueDiligence: 'PASSED' }),
      directInvestment({ id: 'd-startup', stage: 'STARTUP', amount: '10.00', figures: { paidIn: '10.00', distributed: '0.00', nav: '10.00' } }),
    ],
    annualAllocations: [{ year: 2025, commitments: { subFundsByCategory: { SEED: '50.00', VC: '30.00' }, directTech: '20.00', directOther: '0.00' } }],
    incentiveProposals: [{ id: 'inc', label: '奖励', subFundId: 'vc-1', valueAdded: '10.00', previouslyGranted: '0.00', proposedAmount: '5.00' }],
    maLoans: [{ id: 'loan', label: '并购贷款', controlling: true, dealAmount: '100.00', loanAmount: '50.00', startDate: '2025-01-01', maturityDate: '2030-01-01' }],
  });
}

describe('shipped packs: policy-packs/wuhan-2025.json (武政办〔2025〕67号)', () => {
  it('is valid and in force from the date of issue (2025-06-07) through the plan period (2027)', () => {
    expect(wuhan).toMatchObject({ id: 'wuhan-2025', jurisdiction: 'WUHAN', instrument: '武政办〔2025〕67号', effectiveFrom: '2025-06-07', effectiveTo: '2027-12-31' });
    expect(resolveParameters(wuhan, '2025-06-06').packInForce).toBe(false);
    expect(resolveParameters(wuhan, '2028-01-01').packInForce).toBe(false);
  });
  it('defines every catalog key and resolves to the values and clauses the rule specs use', () => {
    expect(Object.keys(wuhan.parameters).sort()).toEqual(Object.keys(PARAMETER_CATALOG).sort());
    const p = resolveParameters(wuhan, '2025-12-31');
    for (const [key, [value, clause]] of Object.entries(WUHAN_VALUES)) expect([key, parameterOf(p, key).value, parameterOf(p, key).clause]).toEqual([key, value, clause]);
  });
  it('gives every rule a subject and cites a clause of the text on every judged result', () => {
    const results = evaluateAll(everyRuleFacts(), wuhan, '2025-12-31');
    expect(new Set(results.map((r) => r.ruleId))).toEqual(new Set(RULE_IDS));
    for (const r of results.filter((x) => x.status !== 'NOT_APPLICABLE')) {
      expect(r.clause).toMatch(/^§二\([一三]\)\d+$/);
      expect(r.explanation.zh).toContain('武政办〔2025〕67号');
    }
  });
  it('carries the exemption checklist, negative list and objective causes as data', () => {
    expect(wuhan.exemption!.checklist.map((i) => i.code)).toEqual(['PROJECT_APPROVAL', 'DUE_DILIGENCE_REPORT', 'INVESTMENT_DECISION', 'POST_INVESTMENT_MANAGEMENT', 'RISK_HANDLING']);
    expect(wuhan.exemption!.negativeList.map((i) => i.code)).toContain('BENEFIT_TRANSFER');
    expect(wuhan.exemption!.objectiveCauses[0]).toMatchObject({ code: 'FORCE_MAJEURE', zh: '不可抗力' });
  });
});

describe('shipped packs: policy-packs/zhengzhou-2025.json (郑政文〔2025〕66号)', () => {
  it('is valid, in force from 2025-06-03, open-ended, and defines every catalog key but none the text has no number for', () => {
    expect(zhengzhou).toMatchObject({ id: 'zhengzhou-2025', instrument: '郑政文〔2025〕66号', effectiveFrom: '2025-06-03', effectiveTo: null });
    expect(Object.keys(zhengzhou.parameters).sort()).toEqual(Object.keys(PARAMETER_CATALOG).sort());
    const p = resolveParameters(zhengzhou, '2025-12-31');
    const set = Object.values(p.values).filter((v) => v.value !== null).map((v) => v.key);
    expect(set.sort()).toEqual(['guaranteeFee.maxRate', 'warnMargin']);
    expect(parameterOf(p, 'guaranteeFee.maxRate')).toMatchObject({ value: '0.01', clause: '§五(三)' });
  });
  it('its unset parameters give NOT_APPLICABLE, each naming the parameter missing', () => {
    const results = evaluateAll(everyRuleFacts(), zhengzhou, '2025-12-31');
    expect(results.every((r) => r.status === 'NOT_APPLICABLE')).toBe(true);
    const named = results.filter((r) => r.missingParameter);
    expect(new Set(named.map((r) => r.ruleId))).toEqual(new Set(RULE_IDS));
    const angel = named.find((r) => r.ruleId === 'loss-tolerance-angel-fund' && r.subject.id === 'angel-1')!;
    expect(angel).toMatchObject({ clause: '§四(一)', missingParameter: 'lossTolerance.angelFund.maxLossRatio' });
    expect(angel.explanation.zh).toContain('适度提高投资容错率');
    const cap = named.find((r) => r.ruleId === 'early-stage-project-cap' && r.subject.type === 'DIRECT_INVESTMENT')!;
    expect(cap.explanation.en).toContain('earlyStageProjectCap.seedMaxYuan');
    expect(cap.explanation.en).toContain('relaxed');
  });
  it('a fund’s own single-project cap is still judged under the Zhengzhou pack (the text relaxes caps, it does not remove them)', () => {
    const f = everyRuleFacts();
    const withCap = { ...f, subFunds: f.subFunds.map((sf) => (sf.id === 'angel-1' ? { ...sf, projectCaps: { SEED: '4.00' } } : sf)) };
    const [r] = evaluateAll(withCap, zhengzhou, '2025-12-31', { ruleIds: ['early-stage-project-cap'] }).filter((x) => x.subject.type === 'PROJECT_INVESTMENT');
    expect(r).toMatchObject({ status: 'FAIL', threshold: '4.00', actual: '5.00' });
  });
});
