/** Policy packs and the eleven rules of domain.md: pure functions of facts and dated parameters. */
export * from './facts.js';
export * from './check-result.js';
export * from './policy-pack.js';
export { validatePack, type PackValidationIssue } from './validate-pack.js';
export {
  PARAMETER_CATALOG,
  LOSS_SCOPES,
  LOSS_BASES,
  LOSS_MEASURED_AT,
  LOSS_CONDITIONS,
  ALLOCATION_BASES,
  type CatalogEntry,
  type LossScope,
  type LossBasis,
  type LossMeasuredAt,
  type LossCondition,
  type AllocationBasis,
} from './parameter-catalog.js';
export {
  RULES,
  evaluateAll,
  evaluateWith,
  filterChecks,
  diffChecks,
  grandfather,
  summarizeChecks,
  type EvaluateOptions,
  type CheckFilter,
  type CheckChange,
  type GrandfatherReport,
  type GrandfatherRow,
  type CheckSummary,
} from './evaluate.js';
export { govShareCap, govShareCapRule } from './rules/gov-share-cap.rule.js';
export { fundTermMax, fundTermMaxRule } from './rules/fund-term-max.rule.js';
export { earlyStageAllocationMin, earlyStageAllocationMinRule } from './rules/early-stage-allocation-min.rule.js';
export { earlyStageProjectCap, earlyStageProjectCapRule } from './rules/early-stage-project-cap.rule.js';
export { incentiveCap, incentiveCapRule } from './rules/incentive-cap.rule.js';
export { handoffAnnualCap, handoffAnnualCapRule } from './rules/handoff-annual-cap.rule.js';
export { maMatchRatio, maMatchRatioRule } from './rules/ma-match-ratio.rule.js';
export { maLoanTerms, maLoanTermsRule } from './rules/ma-loan-terms.rule.js';
export { lossToleranceSeedFund, lossToleranceSeedFundRule } from './rules/loss-tolerance-seed-fund.rule.js';
export { lossToleranceAngelFund, lossToleranceAngelFundRule } from './rules/loss-tolerance-angel-fund.rule.js';
export { lossToleranceDirectProject, lossToleranceDirectProjectRule } from './rules/loss-tolerance-direct-project.rule.js';
