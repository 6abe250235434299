import type { BusinessDate } from '../../money/business-date.js';
import {
  emptyFacts,
  type DirectInvestmentFacts,
  type PolicyFacts,
  type ProjectInvestmentFacts,
  type SubFundFacts,
} from '../facts.js';
import type { CheckResult, RuleContext } from '../check-result.js';
import { PARAMETER_CATALOG } from '../parameter-catalog.js';
import { resolveParameters, type ParameterDef, type ParameterValue, type PolicyPack, type ResolvedParameters } from '../policy-pack.js';

/** Test support for the rule specs (not shipped code paths). */

export const AS_OF: BusinessDate = '2025-12-31';

/** The Wuhan 2025 values, as shipped in policy-packs/wuhan-2025.json (a spec checks they agree). */
export const WUHAN_VALUES: Readonly<Record<string, readonly [ParameterValue, string]>> = {
  warnMargin: ['0.9', '—'],
  'govShareCap.maxRatio': ['0.5', '§二(一)1'],
  'govShareCap.categories': [['SEED', 'ANGEL', 'VC'], '§二(一)1'],
  'govShareCap.otherMaxRatio': [null, '§二(一)1'],
  'fundTermMax.maxYears': ['15', '§二(一)1'],
  'fundTermMax.categories': [['SEED', 'ANGEL', 'VC'], '§二(一)1'],
  'earlyStageAllocation.minRatio': ['0.2', '§二(一)1'],
  'earlyStageAllocation.basis': ['COMMITMENT', '§二(一)1'],
  'earlyStageAllocation.categories': [['SEED', 'ANGEL'], '§二(一)1'],
  'earlyStageProjectCap.seedMaxYuan': [null, '§二(一)1'],
  'earlyStageProjectCap.startupMaxYuan': [null, '§二(一)1'],
  'earlyStageProjectCap.seedMaxRatio': [null, '§二(一)1'],
  'earlyStageProjectCap.startupMaxRatio': [null, '§二(一)1'],
  'incentiveCap.maxRatio': ['1', '§二(一)1'],
  'handoffAnnualCap.maxRatio': ['0.1', '§二(一)4'],
  'handoffAnnualCap.categories': [['VC', 'INDUSTRY'], '§二(一)4'],
  'handoffAnnualCap.sourceCategories': [['SEED', 'ANGEL'], '§二(一)4'],
  'maMatch.maxRatio': ['1', '§二(三)11'],
  'maMatch.partnerKinds': [['LISTED_COMPANY', 'CHAIN_LEADER', 'GOLD_SILVER_SEED'], '§二(三)11'],
  'maLoan.maxLoanToDealRatio': ['0.8', '§二(三)11'],
  'maLoan.maxTermYears': ['10', '§二(三)11'],
  'lossTolerance.seedFund.scope': ['SUB_FUND', '§二(一)5'],
  'lossTolerance.seedFund.basis': ['PAID_IN', '§二(一)5'],
  'lossTolerance.seedFund.measuredAt': ['LIFECYCLE_TO_DATE', '§二(一)5'],
  'lossTolerance.seedFund.maxLossRatio': ['0.8', '§二(一)5'],
  'lossTolerance.seedFund.conditions': [[], '§二(一)5'],
  'lossTolerance.angelFund.scope': ['SUB_FUND', '§二(一)5'],
  'lossTolerance.angelFund.basis': ['PAID_IN', '§二(一)5'],
  'lossTolerance.angelFund.measuredAt': ['LIFECYCLE_TO_DATE', '§二(一)5'],
  'lossTolerance.angelFund.maxLossRatio': ['0.6', '§二(一)5'],
  'lossTolerance.angelFund.conditions': [[], '§二(一)5'],
  'lossTolerance.directProject.scope': ['PROJECT', '§二(一)5'],
  'lossTolerance.directProject.basis': ['PAID_IN', '§二(一)5'],
  'lossTolerance.directProject.measuredAt': ['LIFECYCLE_TO_DATE', '§二(一)5'],
  'lossTolerance.directProject.seedMaxLossRatio': ['1', '§二(一)5'],
  'lossTolerance.directProject.startupMaxLossRatio': ['1', '§二(一)5'],
  'lossTolerance.directProject.conditions': [['DUE_DILIGENCE_ASSESSMENT_PASSED'], '§二(一)5'],
  'guaranteeFee.maxRate': [null, '—'],
};

/** A one-version pack with the Wuhan values, some replaced (undefined removes a parameter). */
export function testPack(overrides: Record<string, ParameterValue | undefined> = {}, from: BusinessDate = '2025-01-01'): PolicyPack {
  const parameters: Record<string, ParameterDef> = {};
  const keys = new Set([...Object.keys(WUHAN_VALUES), ...Object.keys(overrides)]);
  for (const key of keys) {
    if (key in overrides && overrides[key] === undefined) continue;
    const [value, clause] = WUHAN_VALUES[key] ?? [null, '§test'];
    const entry = PARAMETER_CATALOG[key]!;
    parameters[key] = {
      unit: entry.unit,
      description: entry.description,
      versions: [{ from, value: key in overrides ? (overrides[key] as ParameterValue) : value, clause }],
    };
  }
  return {
    id: 'test-pack',
    jurisdiction: 'TEST',
    instrument: '武政办〔2025〕67号',
    title: 'test pack with the Wuhan values',
    effectiveFrom: from,
    effectiveTo: null,
    parameters,
  };
}

export function params(overrides: Record<string, ParameterValue | undefined> = {}, date: BusinessDate = AS_OF): ResolvedParameters {
  return resolveParameters(testPack(overrides), date);
}

export function ctxOf(p: ResolvedParameters, asOf: BusinessDate = p.date): RuleContext {
  return { asOf, packId: p.packId, instrument: p.instrument, jurisdiction: p.jurisdiction };
}

export const FOF = { id: 'fof', label: '武汉市政府投资基金' };

export function facts(partial: Partial<PolicyFacts> = {}): PolicyFacts {
  return { ...emptyFacts(FOF), ...partial };
}

export function subFund(p: Partial<SubFundFacts> & { id: string }): SubFundFacts {
  return {
    label: `子基金 ${p.id}`,
    category: 'VC',
    status: 'INVESTING',
    firstClose: '2020-01-01',
    termEnd: '2030-01-01',
    fofCommitment: '0.00',
    lpCommitments: [],
    fofPosition: { paidIn: '0.00', distributed: '0.00', nav: '0.00' },
    ...p,
  };
}

export function projectInvestment(p: Partial<ProjectInvestmentFacts> & { id: string; subFundId: string }): ProjectInvestmentFacts {
  return { label: `项目 ${p.id}`, stage: 'GROWTH', investedOn: '2025-03-01', amount: '0.00', handoff: false, ...p };
}

export function directInvestment(p: Partial<DirectInvestmentFacts> & { id: string }): DirectInvestmentFacts {
  return {
    label: `直投 ${p.id}`,
    stage: 'SEED',
    techProject: true,
    investedOn: '2023-01-01',
    amount: '0.00',
    figures: { paidIn: '0.00', distributed: '0.00', nav: '0.00' },
    ...p,
  };
}

export function exception(ruleId: string, subjectType: string, subjectId: string, period?: string) {
  return { ruleId, subjectType, subjectId, period: period ?? null, documentNo: '武金控批〔2025〕12号', approver: '市财政局', approvedOn: '2025-06-30' };
}

/** The one result for a subject id (and period); fails loudly when there is not exactly one. */
export function one(results: readonly CheckResult[], subjectId: string, period?: string): CheckResult {
  const found = results.filter((r) => r.subject.id === subjectId && (period === undefined || r.subject.period === period));
  if (found.length !== 1) throw new Error(`expected one result for ${subjectId}${period ? ` ${period}` : ''}, got ${found.length}`);
  return found[0]!;
}
