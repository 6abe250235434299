import { DirectInvestmentEntity, FofEntity, SubFundEntity } from './fund.entities.js';
import {
  IncentiveProposalEntity,
  LpCommitmentEntity,
  MaLoanEntity,
  PolicyExceptionEntity,
  PositionAmendmentEntity,
  PositionFlowEntity,
  ProjectExitEntity,
  ProjectInvestmentEntity,
  SecondaryPurchaseEntity,
  ValuationEntity,
} from './ledger.entities.js';
import { PolicyPackRevisionEntity } from './policy.entities.js';
import { EvidenceFileEntity, ExemptionCaseEntity, ExemptionCaseEventEntity } from './exemption.entities.js';
import { ApiTokenEntity, AuditLogEntity, IdempotencyKeyEntity, OrganizationEntity, UserEntity } from './organization.entities.js';

export * from './fund.entities.js';
export * from './ledger.entities.js';
export * from './organization.entities.js';
export * from './policy.entities.js';
export * from './exemption.entities.js';

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
  MaLoanEntity,
  PolicyPackRevisionEntity,
  ExemptionCaseEntity,
  ExemptionCaseEventEntity,
  EvidenceFileEntity,
];
