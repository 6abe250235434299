import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { RULE_IDS } from '../../../libs/domain/policy/check-result.js';
import { PROJECT_STAGE, SUB_FUND_CATEGORY } from '../../../libs/domain/ledger/vocabulary.js';
import { IsBusinessDate, IsMoney, IsText } from '../http/validators.js';
import { AsOfQuery } from './common.dto.js';
import { LpCommitmentInput } from './ledger.dto.js';

const STATUSES = ['PASS', 'FAIL', 'WARN', 'EXEMPT', 'NOT_APPLICABLE'];
const csv = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value);

export class CheckQueryDto extends AsOfQuery {
  @ApiPropertyOptional({ description: 'comma-separated rule ids', example: 'gov-share-cap,handoff-annual-cap' })
  @IsOptional()
  @Transform(csv)
  @IsArray()
  @IsIn(RULE_IDS, { each: true })
  ruleId?: string[];

  @ApiPropertyOptional({ description: 'comma-separated statuses', example: 'FAIL,WARN' })
  @IsOptional()
  @Transform(csv)
  @IsArray()
  @IsIn(STATUSES, { each: true })
  status?: string[];

  @ApiPropertyOptional({ description: 'one subject (sub-fund, direct investment, project investment…)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  subjectId?: string;
}

export class GrandfatherQuery {
  @ApiProperty({ example: '2025-07-01', description: 'the date the decision was made' })
  @IsBusinessDate()
  decisionDate: string;

  @ApiPropertyOptional({ description: 'today (default: the current date)' })
  @IsOptional()
  @IsBusinessDate()
  today?: string;
}

const WHAT_IF_TYPES = ['COMMITMENT', 'NEW_SUB_FUND', 'DIRECT_INVESTMENT', 'HANDOFF', 'PROJECT_INVESTMENT', 'INCENTIVE', 'MA_LOAN'] as const;

/** The fields each kind of proposed action takes (others are refused). */
export const WHAT_IF_FIELDS: Record<(typeof WHAT_IF_TYPES)[number], string[]> = {
  COMMITMENT: ['subFundId', 'amount', 'date'],
  NEW_SUB_FUND: ['code', 'name', 'category', 'manager', 'firstClose', 'termEnd', 'seedProjectCap', 'startupProjectCap', 'lpCommitments'],
  DIRECT_INVESTMENT: ['code', 'projectName', 'stage', 'isTech', 'decisionDate', 'commitment'],
  HANDOFF: ['subFundId', 'sourceSubFundId', 'projectName', 'stage', 'date', 'amount'],
  PROJECT_INVESTMENT: ['subFundId', 'projectName', 'stage', 'date', 'amount'],
  INCENTIVE: ['subFundId', 'date', 'socialLpReward', 'managerReward', 'description'],
  MA_LOAN: ['subFundId', 'borrower', 'target', 'controlling', 'dealAmount', 'loanAmount', 'startDate', 'maturityDate'],
};
const needs =
  (...types: string[]) =>
  (o: WhatIfBody) =>
    types.includes(o.type);

/**
 * A proposed action (what-if). `type` says which; the other fields are those of that action. An M&A
 * fund commitment is a COMMITMENT to an MA sub-fund.
 */
export class WhatIfBody {
  @ApiProperty({ enum: WHAT_IF_TYPES })
  @IsIn(WHAT_IF_TYPES)
  type: (typeof WHAT_IF_TYPES)[number];

  @ApiPropertyOptional({ description: 'judge as of this date instead of the action date' })
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;

  @ValidateIf((o: WhatIfBody) => needs('COMMITMENT', 'HANDOFF', 'PROJECT_INVESTMENT', 'INCENTIVE')(o) || (o.type === 'MA_LOAN' && o.subFundId !== undefined))
  @IsUUID('all')
  subFundId?: string;

  @ValidateIf(needs('HANDOFF'))
  @IsUUID('all')
  sourceSubFundId?: string;

  @ValidateIf(needs('COMMITMENT', 'HANDOFF', 'PROJECT_INVESTMENT'))
  @IsMoney('positive')
  amount?: string;

  @ValidateIf(needs('COMMITMENT', 'HANDOFF', 'PROJECT_INVESTMENT', 'INCENTIVE'))
  @IsBusinessDate()
  date?: string;

  @ValidateIf(needs('NEW_SUB_FUND', 'DIRECT_INVESTMENT'))
  @IsText(64)
  code?: string;

  @ValidateIf(needs('NEW_SUB_FUND'))
  @IsText()
  name?: string;

  @ValidateIf(needs('NEW_SUB_FUND'))
  @IsIn(SUB_FUND_CATEGORY.values)
  category?: string;

  @ValidateIf(needs('NEW_SUB_FUND'))
  @IsText()
  manager?: string;

  @ValidateIf(needs('NEW_SUB_FUND'))
  @IsBusinessDate()
  firstClose?: string;

  @ValidateIf(needs('NEW_SUB_FUND'))
  @IsBusinessDate()
  termEnd?: string;

  @ValidateIf((o: WhatIfBody) => o.type === 'NEW_SUB_FUND' && o.seedProjectCap !== undefined)
  @IsMoney('positive')
  seedProjectCap?: string;

  @ValidateIf((o: WhatIfBody) => o.type === 'NEW_SUB_FUND' && o.startupProjectCap !== undefined)
  @IsMoney('positive')
  startupProjectCap?: string;

  @ApiPropertyOptional({ type: [LpCommitmentInput] })
  @ValidateIf(needs('NEW_SUB_FUND'))
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => LpCommitmentInput)
  lpCommitments?: LpCommitmentInput[];

  @ValidateIf(needs('DIRECT_INVESTMENT', 'HANDOFF', 'PROJECT_INVESTMENT'))
  @IsText()
  projectName?: string;

  @ValidateIf(needs('DIRECT_INVESTMENT', 'HANDOFF', 'PROJECT_INVESTMENT'))
  @IsIn(PROJECT_STAGE.values)
  stage?: string;

  @ValidateIf(needs('DIRECT_INVESTMENT'))
  @IsBoolean()
  isTech?: boolean;

  @ValidateIf(needs('DIRECT_INVESTMENT'))
  @IsBusinessDate()
  decisionDate?: string;

  @ValidateIf(needs('DIRECT_INVESTMENT'))
  @IsMoney('positive')
  commitment?: string;

  @ValidateIf(needs('INCENTIVE'))
  @IsMoney('nonNegative')
  socialLpReward?: string;

  @ValidateIf(needs('INCENTIVE'))
  @IsMoney('nonNegative')
  managerReward?: string;

  @ValidateIf(needs('INCENTIVE'))
  @IsText(2000)
  description?: string;

  @ValidateIf(needs('MA_LOAN'))
  @IsText()
  borrower?: string;

  @ValidateIf(needs('MA_LOAN'))
  @IsText()
  target?: string;

  @ValidateIf(needs('MA_LOAN'))
  @IsBoolean()
  controlling?: boolean;

  @ValidateIf(needs('MA_LOAN'))
  @IsMoney('positive')
  dealAmount?: string;

  @ValidateIf(needs('MA_LOAN'))
  @IsMoney('positive')
  loanAmount?: string;

  @ValidateIf(needs('MA_LOAN'))
  @IsBusinessDate()
  startDate?: string;

  @ValidateIf(needs('MA_LOAN'))
  @IsBusinessDate()
  maturityDate?: string;
}

export class CreatePolicyPackBody {
  @ApiProperty({ description: 'the pack document (see policy-packs/wuhan-2025.json)' })
  @IsObject()
  pack: object;

  @ApiProperty({ example: '新增某市2026年政策包' })
  @IsText(1000)
  changeNote: string;
}

export class ParameterVersionBody {
  @ApiProperty({ example: '2026-01-01' })
  @IsBusinessDate()
  from: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsBusinessDate()
  to?: string;

  @ApiProperty({ description: 'decimal text, a list of codes, or null (unset)', nullable: true, example: '0.6' })
  @ValidateIf((o: ParameterVersionBody) => o.value !== null && !Array.isArray(o.value))
  @IsString()
  value: string | string[] | null;

  @ApiProperty({ example: '§二(一)5' })
  @IsText(100)
  clause: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiProperty({ example: '根据2026年新文件调整天使基金容亏率' })
  @IsText(1000)
  changeNote: string;
}
