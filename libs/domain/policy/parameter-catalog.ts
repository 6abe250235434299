import { INVESTOR_KINDS, PROJECT_STAGES, SUB_FUND_CATEGORIES } from './facts.js';
import type { ParameterUnit } from './policy-pack.js';

/** Loss-tolerance structure (domain.md "Loss-tolerance parameters need more than a percentage"). */
export const LOSS_SCOPES = ['PROJECT', 'SUB_FUND', 'CATEGORY', 'FOF'] as const;
export type LossScope = (typeof LOSS_SCOPES)[number];
export const LOSS_BASES = ['PAID_IN', 'CATEGORY_TOTAL'] as const;
export type LossBasis = (typeof LOSS_BASES)[number];
export const LOSS_MEASURED_AT = ['LIFECYCLE_TO_DATE', 'AT_LIQUIDATION'] as const;
export type LossMeasuredAt = (typeof LOSS_MEASURED_AT)[number];
/** Conditions a tolerance may carry. DUE_DILIGENCE_ASSESSMENT_PASSED: 根据尽责评估情况 (§二(一)5). */
export const LOSS_CONDITIONS = ['DUE_DILIGENCE_ASSESSMENT_PASSED'] as const;
export type LossCondition = (typeof LOSS_CONDITIONS)[number];

export const ALLOCATION_BASES = ['COMMITMENT', 'PAID_IN'] as const;
export type AllocationBasis = (typeof ALLOCATION_BASES)[number];

export interface CatalogEntry {
  unit: ParameterUnit;
  /** Allowed values: the enum's values, or the allowed members of a json list. */
  values?: readonly string[];
  /** Inclusive upper bound for ratios (all numbers are ≥ 0). */
  max?: string;
  /** Exclusive lower bound (e.g. a warn margin must be above 0). */
  above?: string;
  description: string;
}

const lossGroup = (prefix: string, what: string, ratioKeys: readonly string[]): Record<string, CatalogEntry> => {
  const entries: Record<string, CatalogEntry> = {
    [`${prefix}.scope`]: { unit: 'enum', values: LOSS_SCOPES, description: `${what}: level the tolerance is judged at` },
    [`${prefix}.basis`]: { unit: 'enum', values: LOSS_BASES, description: `${what}: denominator of the loss ratio` },
    [`${prefix}.measuredAt`]: { unit: 'enum', values: LOSS_MEASURED_AT, description: `${what}: when the loss is judged` },
    [`${prefix}.conditions`]: { unit: 'json', values: LOSS_CONDITIONS, description: `${what}: conditions for the tolerance to apply` },
  };
  for (const k of ratioKeys) entries[`${prefix}.${k}`] = { unit: 'ratio', max: '1', description: `${what}: ${k}` };
  return entries;
};

/**
 * Every parameter key a pack may hold, with its unit. A pack with an unknown key or a wrong unit is
 * rejected by validatePack, so a typo cannot silently switch a rule to NOT_APPLICABLE.
 */
export const PARAMETER_CATALOG: Readonly<Record<string, CatalogEntry>> = {
  warnMargin: { unit: 'ratio', above: '0', max: '1', description: 'WARN when this share of a limit is used' },

  'govShareCap.maxRatio': { unit: 'ratio', max: '1', description: "FoF's share of a listed-category sub-fund's commitments" },
  'govShareCap.categories': { unit: 'json', values: SUB_FUND_CATEGORIES, description: 'sub-fund categories the cap applies to' },
  'govShareCap.otherMaxRatio': { unit: 'ratio', max: '1', description: "FoF's share cap for every other category" },

  'fundTermMax.maxYears': { unit: 'years', description: 'first close to final dissolution, extensions included' },
  'fundTermMax.categories': { unit: 'json', values: SUB_FUND_CATEGORIES, description: 'VC-type categories the term applies to' },

  'earlyStageAllocation.minRatio': { unit: 'ratio', max: '1', description: 'early-stage share of the year’s new investment' },
  'earlyStageAllocation.basis': { unit: 'enum', values: ALLOCATION_BASES, description: 'commitments or paid-in' },
  'earlyStageAllocation.categories': { unit: 'json', values: SUB_FUND_CATEGORIES, description: 'early-stage sub-fund categories' },

  'earlyStageProjectCap.seedMaxYuan': { unit: 'yuan', description: 'single seed-stage project cap (yuan)' },
  'earlyStageProjectCap.startupMaxYuan': { unit: 'yuan', description: 'single angel-stage project cap (yuan)' },
  'earlyStageProjectCap.seedMaxRatio': { unit: 'ratio', max: '1', description: 'single seed-stage project cap, share of the fund' },
  'earlyStageProjectCap.startupMaxRatio': { unit: 'ratio', max: '1', description: 'single angel-stage project cap, share of the fund' },

  'incentiveCap.maxRatio': { unit: 'ratio', max: '1', description: "rewards as a share of the FoF's value added" },

  'handoffAnnualCap.maxRatio': { unit: 'ratio', max: '1', description: "hand-offs as a share of a fund's new investment in a year" },
  'handoffAnnualCap.categories': { unit: 'json', values: SUB_FUND_CATEGORIES, description: 'funds the cap applies to' },
  'handoffAnnualCap.sourceCategories': { unit: 'json', values: SUB_FUND_CATEGORIES, description: 'funds a hand-off comes from' },

  'maMatch.maxRatio': { unit: 'ratio', description: "FoF commitment per yuan of the partners' (1 = 1:1)" },
  'maMatch.partnerKinds': { unit: 'json', values: INVESTOR_KINDS, description: 'partner kinds the match counts' },

  'maLoan.maxLoanToDealRatio': { unit: 'ratio', max: '1', description: 'loan / deal amount for a controlling acquisition' },
  'maLoan.maxTermYears': { unit: 'years', description: 'M&A loan term' },

  ...lossGroup('lossTolerance.seedFund', 'seed fund loss tolerance', ['maxLossRatio']),
  ...lossGroup('lossTolerance.angelFund', 'angel fund loss tolerance', ['maxLossRatio']),
  ...lossGroup('lossTolerance.directProject', 'seed/angel-stage direct investment loss tolerance', [
    'seedMaxLossRatio',
    'startupMaxLossRatio',
  ]),

  'guaranteeFee.maxRate': { unit: 'ratio', max: '1', description: 'comprehensive guarantee fee rate ceiling (information only)' },
};

/** Stages the direct-project tolerance knows: a ratio key per stage. */
export const DIRECT_STAGE_KEYS: Partial<Record<(typeof PROJECT_STAGES)[number], string>> = {
  SEED: 'lossTolerance.directProject.seedMaxLossRatio',
  STARTUP: 'lossTolerance.directProject.startupMaxLossRatio',
};
