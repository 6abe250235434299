import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { PROJECT_STAGE, SUB_FUND_CATEGORY, ORGANIZATION_KIND, ROLE } from '../../../libs/domain/ledger/vocabulary.js';
import { IsBusinessDate, IsMoney, IsText } from '../http/validators.js';
import { IsUUID, MinLength, MaxLength, IsString } from 'class-validator';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const CODE_MSG = 'code must be 1-64 letters, digits, dot, dash or underscore, starting with a letter or digit';
const JURISDICTION = /^[A-Z][A-Z0-9_]{1,31}$/;

export class CreateFof {
  @ApiProperty({ example: 'WH-GIF-2025' })
  @Matches(CODE, { message: CODE_MSG })
  code: string;

  @ApiProperty({ example: '武汉市政府投资基金' })
  @IsText()
  name: string;

  @ApiProperty({ example: 'WUHAN', description: 'names the policy pack' })
  @Matches(JURISDICTION, { message: 'jurisdiction must be upper-case letters, digits or _, e.g. WUHAN' })
  jurisdiction: string;
}

export class SetStrictMode {
  @ApiProperty()
  @IsBoolean()
  strictMode: boolean;
}

export class CreateSubFund {
  @ApiProperty({ example: 'SF-SEED-01' })
  @Matches(CODE, { message: CODE_MSG })
  code: string;

  @ApiProperty({ example: '武汉光谷种子基金' })
  @IsText()
  name: string;

  @ApiProperty({ enum: SUB_FUND_CATEGORY.values })
  @IsIn(SUB_FUND_CATEGORY.values)
  category: string;

  @ApiProperty({ example: '光谷创投管理有限公司' })
  @IsText()
  manager: string;

  @ApiProperty({ example: '2023-03-15' })
  @IsBusinessDate()
  firstClose: string;

  @ApiProperty({ example: '2033-03-14' })
  @IsBusinessDate()
  termEnd: string;

  @ApiPropertyOptional({ example: '5000000.00', description: 'single-project cap for seed-stage projects, when the fund documents set one' })
  @IsOptional()
  @IsMoney('positive')
  seedProjectCap?: string;

  @ApiPropertyOptional({ example: '10000000.00', description: 'single-project cap for start-up (angel) stage projects' })
  @IsOptional()
  @IsMoney('positive')
  startupProjectCap?: string;
}

export class CreateDirectInvestment {
  @ApiProperty({ example: 'DI-001' })
  @Matches(CODE, { message: CODE_MSG })
  code: string;

  @ApiProperty({ example: '武汉某芯片设计公司' })
  @IsText()
  projectName: string;

  @ApiProperty({ enum: PROJECT_STAGE.values })
  @IsIn(PROJECT_STAGE.values)
  stage: string;

  @ApiProperty({ default: true })
  @IsBoolean()
  isTech: boolean;

  @ApiProperty({ example: '2023-08-01' })
  @IsBusinessDate()
  decisionDate: string;

  @ApiProperty({ example: '5000000.00' })
  @IsMoney('positive')
  commitment: string;
}

export class CreateOrganization {
  @ApiProperty({ example: 'WH-FIN' })
  @Matches(CODE, { message: CODE_MSG })
  code: string;

  @ApiProperty({ example: '武汉市财政局' })
  @IsText()
  name: string;

  @ApiProperty({ enum: ORGANIZATION_KIND.values })
  @IsIn(ORGANIZATION_KIND.values)
  kind: string;

  @ApiProperty({ example: 'WUHAN' })
  @Matches(JURISDICTION, { message: 'jurisdiction must be upper-case letters, digits or _, e.g. WUHAN' })
  jurisdiction: string;
}

export class CreateUser {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  organizationId: string;

  @ApiProperty({ example: 'zhang.san' })
  @Matches(/^[a-z0-9][a-z0-9._-]{2,63}$/, { message: 'username must be 3-64 lower-case letters, digits, dot, dash or underscore' })
  username: string;

  @ApiProperty({ example: '张三' })
  @IsText()
  displayName: string;

  @ApiProperty({ enum: ROLE.values })
  @IsIn(ROLE.values)
  role: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;
}

export class LoginBody {
  @ApiProperty({ example: 'manager' })
  @IsString()
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'demo-manager-2025' })
  @IsString()
  @MaxLength(200)
  password: string;
}
