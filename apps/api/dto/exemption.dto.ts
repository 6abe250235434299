import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { EXEMPTION_SUBJECT_TYPES, EXEMPTION_TRIGGERS, FINAL_CONCLUSIONS } from '../../../libs/domain/exemption/case.js';
import { IsBusinessDate, IsMoney, IsText } from '../http/validators.js';

export class OpenCaseBody {
  @ApiProperty({ enum: EXEMPTION_SUBJECT_TYPES })
  @IsIn(EXEMPTION_SUBJECT_TYPES)
  subjectType: (typeof EXEMPTION_SUBJECT_TYPES)[number];

  @ApiProperty({ description: 'the sub-fund, direct investment or project investment id' })
  @IsText(64)
  subjectId: string;

  @ApiProperty({ enum: EXEMPTION_TRIGGERS })
  @IsIn(EXEMPTION_TRIGGERS)
  trigger: (typeof EXEMPTION_TRIGGERS)[number];

  @ApiProperty({ example: '2025-12-31', description: 'the facts are computed as of this date' })
  @IsBusinessDate()
  caseDate: string;
}

export class ChecklistAnswerBody {
  @ApiProperty({ example: 'PROJECT_APPROVAL' })
  @IsText(64)
  code: string;

  @ApiProperty({ nullable: true })
  @ValidateIf((o: ChecklistAnswerBody) => o.performed !== null)
  @IsBoolean()
  performed: boolean | null;

  @ApiProperty({ example: '立项批复见附件' })
  @IsString()
  @MaxLength(2000)
  note: string;
}

export class PresenceAnswerBody {
  @ApiProperty({ example: 'BENEFIT_TRANSFER' })
  @IsText(64)
  code: string;

  @ApiProperty({ nullable: true })
  @ValidateIf((o: PresenceAnswerBody) => o.present !== null)
  @IsBoolean()
  present: boolean | null;

  @ApiProperty()
  @IsString()
  @MaxLength(2000)
  note: string;
}

export class AnswersBody {
  @ApiPropertyOptional({ type: [ChecklistAnswerBody] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ChecklistAnswerBody)
  checklist?: ChecklistAnswerBody[];

  @ApiPropertyOptional({ type: [PresenceAnswerBody] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PresenceAnswerBody)
  negativeList?: PresenceAnswerBody[];

  @ApiPropertyOptional({ type: [PresenceAnswerBody] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PresenceAnswerBody)
  objectiveCauses?: PresenceAnswerBody[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class EvidenceBody {
  @ApiProperty({ example: 'DUE_DILIGENCE_REPORT' })
  @IsText(64)
  checklistCode: string;

  @ApiProperty({ example: '尽职调查报告' })
  @IsText()
  title: string;

  @ApiProperty({ example: '武金控投〔2023〕18号', description: 'empty when the document has no number' })
  @IsString()
  @MaxLength(100)
  documentNo: string;

  @ApiProperty({ example: '2023-06-20' })
  @IsBusinessDate()
  date: string;
}

export class CommentBody {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class ReturnBody {
  @ApiProperty({ example: '请补充投后管理记录' })
  @IsText(2000)
  comment: string;
}

export class OverrideBody {
  @ApiProperty({ enum: FINAL_CONCLUSIONS })
  @IsIn(FINAL_CONCLUSIONS)
  conclusion: (typeof FINAL_CONCLUSIONS)[number];

  @ApiProperty({ example: '经集体研究，认定属市场风险所致' })
  @IsText(2000)
  reason: string;

  @ApiPropertyOptional({ example: '1000000.00', description: 'for a PARTIAL override: the exempt part of the loss' })
  @IsOptional()
  @IsMoney('nonNegative')
  exemptAmount?: string;
}

export class ApproveBody {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({ type: OverrideBody, description: 'to decide differently from the computed conclusion, with a reason' })
  @IsOptional()
  @ValidateNested()
  @Type(() => OverrideBody)
  override?: OverrideBody;
}
