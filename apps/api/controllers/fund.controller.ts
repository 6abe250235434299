import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../libs/domain/ledger/principal.js';
import { FundService } from '../../../libs/application/ledger/fund.service.js';
import { AdminService } from '../../../libs/application/admin/admin.service.js';
import { CurrentPrincipal, Roles } from '../http/auth.guard.js';
import { uuidParam } from '../http/uuid-param.js';
import { PageQuery } from '../dto/common.dto.js';
import { CreateDirectInvestment, CreateFof, CreateSubFund, SetStrictMode } from '../dto/fund.dto.js';
import { directInvestmentDto, fofDto, pageOf, subFundDto } from '../dto/mappers.js';
import { IsIn, IsOptional } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { SUB_FUND_CATEGORY } from '../../../libs/domain/ledger/vocabulary.js';
import { IsInstant } from '../http/validators.js';

class SubFundListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SUB_FUND_CATEGORY.values })
  @IsOptional()
  @IsIn(SUB_FUND_CATEGORY.values)
  category?: string;

  @ApiPropertyOptional({ description: 'ignore funds created after this instant' })
  @IsOptional()
  @IsInstant()
  knownAt?: string;
}

@ApiTags('FoFs 政府投资基金')
@ApiBearerAuth()
@Controller('fofs')
export class FofController {
  constructor(
    @Inject(FundService) private readonly funds: FundService,
    @Inject(AdminService) private readonly admin: AdminService,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('FUND_MANAGER')
  @ApiOperation({ summary: 'Create a FoF owned by your organization' })
  async create(@CurrentPrincipal() p: Principal, @Body() body: CreateFof) {
    return fofDto(await this.funds.createFof(p, body));
  }

  @Get()
  @Roles('FUND_MANAGER', 'REVIEWER')
  @ApiOperation({ summary: 'The FoFs you may see (your organization, or your jurisdiction for reviewers)' })
  async list(@CurrentPrincipal() p: Principal, @Query() q: PageQuery) {
    return pageOf(await this.funds.listFofs(p, q), fofDto);
  }

  @Get(':fofId')
  @Roles('FUND_MANAGER', 'REVIEWER')
  async get(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string) {
    return fofDto(await this.funds.getFof(p, fofId));
  }

  @Patch(':fofId/strict-mode')
  @Roles('FUND_MANAGER')
  @ApiOperation({ summary: 'Turn strict mode on or off: in strict mode a write that would FAIL a check is refused' })
  async strict(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Body() body: SetStrictMode) {
    return fofDto(await this.funds.setStrictMode(p, fofId, body.strictMode));
  }

  @Get(':fofId/audit')
  @Roles('FUND_MANAGER', 'REVIEWER')
  @ApiOperation({ summary: 'The audit trail of this FoF: who changed what, when' })
  async audit(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Query() q: PageQuery) {
    const page = await this.admin.fofAudit(p, fofId, q);
    return pageOf(page, (a) => ({ ...a, at: a.at.toISOString() }));
  }
}

@ApiTags('Sub-funds 子基金')
@ApiBearerAuth()
@Controller('fofs/:fofId/sub-funds')
export class SubFundController {
  constructor(@Inject(FundService) private readonly funds: FundService) {}

  @Post()
  @HttpCode(201)
  @Roles('FUND_MANAGER')
  async create(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Body() body: CreateSubFund) {
    return subFundDto(await this.funds.createSubFund(p, fofId, body));
  }

  @Get()
  @Roles('FUND_MANAGER', 'REVIEWER')
  async list(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Query() q: SubFundListQuery) {
    const page = await this.funds.listSubFunds(p, fofId, q, { category: q.category, knownAt: q.knownAt ? new Date(q.knownAt) : undefined });
    return pageOf(page, subFundDto);
  }

  @Get(':id')
  @Roles('FUND_MANAGER', 'REVIEWER')
  async get(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Param('id', uuidParam('id')) id: string) {
    return subFundDto(await this.funds.getSubFund(p, fofId, id));
  }
}

@ApiTags('Direct investments 直投')
@ApiBearerAuth()
@Controller('fofs/:fofId/direct-investments')
export class DirectInvestmentController {
  constructor(@Inject(FundService) private readonly funds: FundService) {}

  @Post()
  @HttpCode(201)
  @Roles('FUND_MANAGER')
  async create(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Body() body: CreateDirectInvestment) {
    return directInvestmentDto(await this.funds.createDirectInvestment(p, fofId, body));
  }

  @Get()
  @Roles('FUND_MANAGER', 'REVIEWER')
  async list(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Query() q: PageQuery) {
    return pageOf(await this.funds.listDirectInvestments(p, fofId, q), directInvestmentDto);
  }

  @Get(':id')
  @Roles('FUND_MANAGER', 'REVIEWER')
  async get(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Param('id', uuidParam('id')) id: string) {
    return directInvestmentDto(await this.funds.getDirectInvestment(p, fofId, id));
  }
}
