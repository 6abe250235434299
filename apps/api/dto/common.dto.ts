import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsBusinessDate, IsInstant, IsText } from '../http/validators.js';

export class PageQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page: number = 1;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize: number = 50;
}

/** Reads as of a business date, optionally as the ledger was known at an instant. */
export class AsOfQuery {
  @ApiPropertyOptional({ example: '2025-12-31', description: 'business date (default: today, UTC)' })
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;

  @ApiPropertyOptional({ example: '2026-03-31T16:00:00Z', description: 'ignore rows recorded after this instant' })
  @IsOptional()
  @IsInstant()
  knownAt?: string;
}

export class LedgerListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'business date from (inclusive)' })
  @IsOptional()
  @IsBusinessDate()
  from?: string;

  @ApiPropertyOptional({ description: 'business date to (inclusive)' })
  @IsOptional()
  @IsBusinessDate()
  to?: string;

  @ApiPropertyOptional({ description: 'ignore rows recorded after this instant' })
  @IsOptional()
  @IsInstant()
  knownAt?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  subFundId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  directInvestmentId?: string;
}

export class ReversalBody {
  @ApiProperty({ example: '金额录入错误，冲销后重新录入' })
  @IsText(1000)
  reason: string;
}

export { todayUtc as today } from '../../../libs/application/clock.js';
