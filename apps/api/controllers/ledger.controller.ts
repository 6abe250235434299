import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../libs/domain/ledger/principal.js';
import type { LedgerInput, LedgerKind } from '../../../libs/domain/ledger/records.js';
import { LedgerService } from '../../../libs/application/ledger/ledger.service.js';
import { CurrentPrincipal, Roles } from '../http/auth.guard.js';
import { uuidParam } from '../http/uuid-param.js';
import { bodyOf } from '../http/body.js';
import { LedgerListQuery, ReversalBody } from '../dto/common.dto.js';
import { LEDGER_FIELDS, ledgerDto, pageOf } from '../dto/mappers.js';
import {
  CreateAmendment,
  CreateFlow,
  CreateIncentiveProposal,
  CreateLpCommitment,
  CreateMaLoan,
  CreatePolicyException,
  CreateProjectExit,
  CreateProjectInvestment,
  CreateSecondaryPurchase,
  CreateValuation,
} from '../dto/ledger.dto.js';

/** Turns a validated body into a ledger input: every field of the kind present, absent ones null. */
function toInput<K extends LedgerKind>(kind: K, body: Record<string, unknown>): LedgerInput<K> {
  const out: Record<string, unknown> = {};
  for (const f of LEDGER_FIELDS[kind] as readonly string[]) out[f] = body[f] ?? (f === 'isHandoff' ? false : null);
  return out as LedgerInput<K>;
}

/**
 * One controller shape for every append-only ledger table under /fofs/:fofId/<path>:
 * POST creates, GET lists (paginated, filterable, as known at), GET :id reads, POST :id/reversal corrects.
 */
function ledgerController<K extends LedgerKind>(kind: K, path: string, BodyType: Type<unknown>, tag: string, summary: string): Type<unknown> {
  @ApiTags(tag)
  @ApiBearerAuth()
  @Controller(`fofs/:fofId/${path}`)
  class LedgerKindController {
    constructor(@Inject(LedgerService) private readonly ledger: LedgerService) {}

    @Post()
    @HttpCode(201)
    @Roles('FUND_MANAGER')
    @ApiOperation({ summary: `Record ${summary}`, description: 'Takes an optional Idempotency-Key header.' })
    @ApiBody({ type: BodyType })
    async create(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Body(bodyOf(BodyType)) body: object) {
      return ledgerDto(kind, await this.ledger.record(p, kind, fofId, toInput(kind, body as Record<string, unknown>)));
    }

    @Get()
    @Roles('FUND_MANAGER', 'REVIEWER')
    @ApiOperation({ summary: `List ${summary} (reversals included, each row says what reversed it)` })
    async list(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Query() q: LedgerListQuery) {
      const page = await this.ledger.list(
        p,
        kind,
        fofId,
        { subFundId: q.subFundId, directInvestmentId: q.directInvestmentId, from: q.from, to: q.to, knownAt: q.knownAt ? new Date(q.knownAt) : undefined },
        q,
      );
      return pageOf(page, (r) => ledgerDto(kind, r));
    }

    @Get(':id')
    @Roles('FUND_MANAGER', 'REVIEWER')
    async get(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Param('id', uuidParam('id')) id: string) {
      return ledgerDto(kind, await this.ledger.get(p, kind, fofId, id));
    }

    @Post(':id/reversal')
    @HttpCode(201)
    @Roles('FUND_MANAGER')
    @ApiOperation({ summary: `Reverse one of ${summary}: a new row that cancels it, with the reason` })
    async reverse(
      @CurrentPrincipal() p: Principal,
      @Param('fofId', uuidParam('fofId')) fofId: string,
      @Param('id', uuidParam('id')) id: string,
      @Body() body: ReversalBody,
    ) {
      return ledgerDto(kind, await this.ledger.reverse(p, kind, fofId, id, body.reason));
    }
  }
  Object.defineProperty(LedgerKindController, 'name', { value: `${path.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}Controller` });
  return LedgerKindController;
}

export const LEDGER_CONTROLLERS = [
  ledgerController('lp-commitments', 'lp-commitments', CreateLpCommitment, 'LP commitments 认缴', 'LP commitments to a sub-fund'),
  ledgerController('amendments', 'amendments', CreateAmendment, 'Amendments 变更', 'term extensions and status changes'),
  ledgerController('flows', 'flows', CreateFlow, 'Cash flows 现金流', 'contributions and distributions of the FoF'),
  ledgerController('valuations', 'valuations', CreateValuation, 'Valuations 估值', 'valuations (NAV) of positions'),
  ledgerController('project-investments', 'project-investments', CreateProjectInvestment, 'Sub-fund projects 子基金投资项目', "sub-funds' project investments and hand-offs"),
  ledgerController('project-exits', 'project-exits', CreateProjectExit, 'Sub-fund projects 子基金投资项目', "sub-funds' project exits"),
  ledgerController('secondary-purchases', 'secondary-purchases', CreateSecondaryPurchase, 'S-fund purchases 份额转让', 'secondary (S-fund) purchases'),
  ledgerController('incentive-proposals', 'incentive-proposals', CreateIncentiveProposal, 'Incentives 让利', 'incentive proposals'),
  ledgerController('exceptions', 'exceptions', CreatePolicyException, 'Approved exceptions 批准例外', 'approved exceptions to rules'),
  ledgerController('ma-loans', 'ma-loans', CreateMaLoan, 'M&A loans 并购贷款', 'M&A loans'),
];
