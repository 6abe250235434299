import { DirectInvestmentEntity, FofEntity, SubFundEntity } from './fund.entities.js';
import {
  IncentiveProposalEntity,
  LpCommitmentEntity,
  PolicyExceptionEntity,
  PositionAmendmentEntity,
  PositionFlowEntity,
  ProjectExitEntity,
  ProjectInvestmentEntity,
  SecondaryPurchaseEntity,
  ValuationEntity,
} from './ledger.entities.js';
import { ApiTokenEntity, AuditLogEntity, IdempotencyKeyEntity, OrganizationEntity, UserEntity } from './organization.entities.js';

export * from './fund.entities.js';
export * from './ledger.entities.js';
export * from './organization.entities.js';

export const ENTITIES = [
  OrganizationEntity,
  UserEntity,
  ApiTokenEntity,
  AuditLogEntity,
  IdempotencyKeyEntity,
  FofEntity,
  SubFundEntity,
  DirectInvestmentEntity,
  LpCommitmentEntity,
  PositionAmendmentEntity,
  PositionFlowEntity,
  ValuationEntity,
  ProjectInvestmentEntity,
  ProjectExitEntity,
  SecondaryPurchaseEntity,
  IncentiveProposalEntity,
  PolicyExceptionEntity,
];

/** Tables the database keeps append-only (trigger refuse_ledger_mutation). */
export const APPEND_ONLY_TABLES = [
  'lp_commitments',
  'position_amendments',
  'position_flows',
  'valuations',
  'project_investments',
  'project_exits',
  'secondary_purchases',
  'incentive_proposals',
  'policy_exceptions',
  'audit_log',
] as const;
