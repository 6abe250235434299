import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUUID, MaxLength, IsString, ValidateIf } from 'class-validator';
import {
  AMENDMENT_KIND,
  DIRECT_STATUS,
  DISTRIBUTION_KIND,
  FLOW_TYPE,
  INVESTOR_KIND,
  PROJECT_STAGE,
  SUB_FUND_STATUS,
} from '../../../libs/domain/ledger/vocabulary.js';
import { AbsentWhen, IsAfterField, IsBusinessDate, IsMoney, IsText, NotWith } from '../http/validators.js';

/** Request bodies of the ledger tables. Unknown fields are refused by the global pipe. */

/** One LP's commitment: who, what kind, how much (also the LPs of a proposed sub-fund in a what-if). */
export class LpCommitmentInput {
  @ApiProperty({ example: '武汉市政府投资基金' })
  @IsText()
  investorName: string;

  @ApiProperty({ enum: INVESTOR_KIND.values })
  @IsIn(INVESTOR_KIND.values)
  investorKind: string;

  @ApiProperty({ example: '50000000.00' })
  @IsMoney('positive')
  amount: string;
}

export class CreateLpCommitment extends LpCommitmentInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  subFundId: string;

  @ApiProperty({ example: '2023-03-15' })
  @IsBusinessDate()
  commitDate: string;
}

export class CreateAmendment {
  @ApiPropertyOptional({ format: 'uuid', description: 'the sub-fund (or give directInvestmentId)' })
  @ValidateIf((o: CreateAmendment) => o.directInvestmentId === undefined || o.subFundId !== undefined)
  @IsUUID('all')
  @NotWith('directInvestmentId')
  subFundId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((o: CreateAmendment) => o.subFundId === undefined)
  @IsUUID('all')
  directInvestmentId?: string;

  @ApiProperty({ enum: AMENDMENT_KIND.values })
  @IsIn(AMENDMENT_KIND.values)
  kind: string;

  @ApiProperty({ example: '2025-06-30' })
  @IsBusinessDate()
  effectiveDate: string;

  @ApiPropertyOptional({ description: 'for TERM_EXTENSION: the new term end' })
  @ValidateIf((o: CreateAmendment) => o.kind === 'TERM_EXTENSION' || o.newTermEnd !== undefined)
  @IsBusinessDate()
  newTermEnd?: string;

  @ApiPropertyOptional({ enum: [...SUB_FUND_STATUS.values, ...DIRECT_STATUS.values] })
  @ValidateIf((o: CreateAmendment) => o.kind === 'STATUS_CHANGE' || o.newStatus !== undefined)
  @IsIn([...SUB_FUND_STATUS.values, ...DIRECT_STATUS.values])
  newStatus?: string;

  @ApiPropertyOptional({ example: '武金控〔2025〕12号' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  documentNo?: string;
}

export class CreateFlow {
  @ApiPropertyOptional({ format: 'uuid', description: 'the sub-fund (or give directInvestmentId)' })
  @ValidateIf((o: CreateFlow) => o.directInvestmentId === undefined || o.subFundId !== undefined)
  @IsUUID('all')
  @NotWith('directInvestmentId')
  subFundId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((o: CreateFlow) => o.subFundId === undefined)
  @IsUUID('all')
  directInvestmentId?: string;

  @ApiProperty({ enum: FLOW_TYPE.values })
  @IsIn(FLOW_TYPE.values)
  flowType: string;

  @ApiPropertyOptional({ enum: DISTRIBUTION_KIND.values, description: 'required for a DISTRIBUTION' })
  @ValidateIf((o: CreateFlow) => o.flowType === 'DISTRIBUTION' || o.distributionKind !== undefined)
  @IsIn(DISTRIBUTION_KIND.values)
  @AbsentWhen((o) => o.flowType === 'CONTRIBUTION', 'a CONTRIBUTION has no distributionKind')
  distributionKind?: string;

  @ApiProperty({ example: '2024-06-30' })
  @IsBusinessDate()
  flowDate: string;

  @ApiProperty({ example: '10000000.00' })
  @IsMoney('positive')
  amount: string;
}

export class CreateValuation {
  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((o: CreateValuation) => o.directInvestmentId === undefined || o.subFundId !== undefined)
  @IsUUID('all')
  @NotWith('directInvestmentId')
  subFundId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((o: CreateValuation) => o.subFundId === undefined)
  @IsUUID('all')
  directInvestmentId?: string;

  @ApiProperty({ example: '2024-12-31' })
  @IsBusinessDate()
  valuationDate: string;

  @ApiProperty({ example: '12500000.00' })
  @IsMoney('nonNegative')
  nav: string;
}

export class CreateProjectInvestment {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  subFundId: string;

  @ApiProperty({ example: '光谷量子科技' })
  @IsText()
  projectName: string;

  @ApiProperty({ enum: PROJECT_STAGE.values })
  @IsIn(PROJECT_STAGE.values)
  stage: string;

  @ApiProperty({ example: '2024-05-20' })
  @IsBusinessDate()
  investmentDate: string;

  @ApiProperty({ example: '3000000.00' })
  @IsMoney('positive')
  amount: string;

  @ApiPropertyOptional({ default: false, description: 'a hand-off (承接) of a project a SEED/ANGEL fund exits' })
  @IsOptional()
  @IsBoolean()
  isHandoff?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'the SEED or ANGEL sub-fund handing off (required for a hand-off)' })
  @ValidateIf((o: CreateProjectInvestment) => o.isHandoff === true || o.handoffSourceSubFundId !== undefined)
  @IsUUID('all')
  handoffSourceSubFundId?: string;

  @ApiPropertyOptional({ description: 'the project taken over (required for a hand-off)' })
  @ValidateIf((o: CreateProjectInvestment) => o.isHandoff === true || o.handoffSourceProject !== undefined)
  @IsText()
  handoffSourceProject?: string;
}

export class CreateProjectExit {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  subFundId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  projectInvestmentId: string;

  @ApiProperty({ example: '2025-09-30' })
  @IsBusinessDate()
  exitDate: string;

  @ApiProperty({ example: '4500000.00' })
  @IsMoney('nonNegative')
  proceeds: string;
}

export class CreateSecondaryPurchase {
  @ApiPropertyOptional({ format: 'uuid', description: 'the S-fund that bought; omit when the FoF bought itself' })
  @IsOptional()
  @IsUUID('all')
  buyerSubFundId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the sub-fund whose interest was bought, when it is ours' })
  @IsOptional()
  @IsUUID('all')
  targetSubFundId?: string;

  @ApiProperty({ example: '某创投基金有限合伙 LP 份额' })
  @IsText()
  fundInterest: string;

  @ApiProperty({ example: '某保险资管' })
  @IsText()
  seller: string;

  @ApiProperty()
  @IsBusinessDate()
  purchaseDate: string;

  @ApiProperty({ example: '20000000.00' })
  @IsMoney('nonNegative')
  commitmentTransferred: string;

  @ApiProperty({ example: '16000000.00' })
  @IsMoney('nonNegative')
  paidInTransferred: string;

  @ApiProperty({ example: '4000000.00' })
  @IsMoney('nonNegative')
  unfundedTransferred: string;

  @ApiProperty({ example: '18000000.00' })
  @IsMoney('nonNegative')
  referenceNav: string;

  @ApiProperty()
  @IsBusinessDate()
  referenceNavDate: string;

  @ApiProperty({ example: '15300000.00' })
  @IsMoney('nonNegative')
  price: string;
}

export class CreateIncentiveProposal {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  subFundId: string;

  @ApiProperty()
  @IsBusinessDate()
  proposalDate: string;

  @ApiProperty({ example: '1200000.00' })
  @IsMoney('nonNegative')
  socialLpReward: string;

  @ApiProperty({ example: '800000.00' })
  @IsMoney('nonNegative')
  managerReward: string;

  @ApiProperty()
  @IsText(2000)
  description: string;
}

export class CreatePolicyException {
  @ApiProperty({ example: 'gov-share-cap' })
  @IsText(64)
  ruleId: string;

  @ApiProperty({ enum: ['FOF', 'SUB_FUND', 'DIRECT_INVESTMENT', 'PROJECT_INVESTMENT'] })
  @IsIn(['FOF', 'SUB_FUND', 'DIRECT_INVESTMENT', 'PROJECT_INVESTMENT'])
  subjectType: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  subjectId: string;

  @ApiProperty({ example: '武财金〔2025〕88号' })
  @IsText(100)
  documentNo: string;

  @ApiProperty({ example: '武汉市财政局' })
  @IsText()
  approver: string;

  @ApiProperty()
  @IsBusinessDate()
  approvedOn: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CreateMaLoan {
  @ApiPropertyOptional({ format: 'uuid', description: 'the M&A sub-fund involved, if any' })
  @IsOptional()
  @IsUUID('all')
  subFundId?: string;

  @ApiProperty({ example: '某上市公司' })
  @IsText()
  borrower: string;

  @ApiProperty({ example: '某光模块企业' })
  @IsText()
  target: string;

  @ApiProperty({ description: '控股型并购: a controlling acquisition' })
  @IsBoolean()
  controlling: boolean;

  @ApiProperty({ example: '500000000.00' })
  @IsMoney('positive')
  dealAmount: string;

  @ApiProperty({ example: '400000000.00' })
  @IsMoney('positive')
  loanAmount: string;

  @ApiProperty()
  @IsBusinessDate()
  startDate: string;

  @ApiProperty()
  @IsBusinessDate()
  @IsAfterField('startDate')
  maturityDate: string;
}
