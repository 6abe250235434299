import { Body, Controller, Get, HttpCode, Inject, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError } from '../../../libs/domain/errors/domain-error.js';
import type { Principal } from '../../../libs/domain/ledger/principal.js';
import type { CheckStatus, RuleId } from '../../../libs/domain/policy/check-result.js';
import type { ProposedAction } from '../../../libs/domain/review/proposed-action.js';
import { PolicyService } from '../../../libs/application/policy/policy.service.js';
import { PolicyPackService } from '../../../libs/application/policy/policy-pack.service.js';
import { CurrentPrincipal, Roles } from '../http/auth.guard.js';
import { uuidParam } from '../http/uuid-param.js';
import { today } from '../dto/common.dto.js';
import { CheckQueryDto, CreatePolicyPackBody, GrandfatherQuery, ParameterVersionBody, WHAT_IF_FIELDS, WhatIfBody } from '../dto/policy.dto.js';

/** Refuses fields that do not belong to the proposed action's type. */
function toAction(body: WhatIfBody): ProposedAction {
  const allowed = new Set(['type', 'asOf', ...WHAT_IF_FIELDS[body.type]]);
  const extra = Object.keys(body).filter((k) => (body as unknown as Record<string, unknown>)[k] !== undefined && !allowed.has(k));
  if (extra.length) {
    throw new DomainError(
      'VALIDATION',
      `fields not used by a ${body.type} proposal: ${extra.join(', ')}`,
      extra.map((path) => ({ path, reason: `not a field of a ${body.type} proposal` })),
    );
  }
  const { asOf: _asOf, ...action } = body;
  return action as unknown as ProposedAction;
}

@ApiTags('Policy checks 政策检查')
@ApiBearerAuth()
@Controller('fofs/:fofId')
export class CheckController {
  constructor(@Inject(PolicyService) private readonly policy: PolicyService) {}

  @Get('checks')
  @Roles('FUND_MANAGER', 'REVIEWER')
  @ApiOperation({ summary: 'Every rule check of the FoF as of a date: rule id, clause, threshold, actual, headroom, status, explanation (zh/en)' })
  checks(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Query() q: CheckQueryDto) {
    return this.policy.checks(p, fofId, {
      asOf: q.asOf ?? today(),
      knownAt: q.knownAt ? new Date(q.knownAt) : undefined,
      ruleId: q.ruleId as RuleId[] | undefined,
      status: q.status as CheckStatus[] | undefined,
      subjectId: q.subjectId,
    });
  }

  @Get('checks/subjects/:subjectId')
  @Roles('FUND_MANAGER', 'REVIEWER')
  @ApiOperation({ summary: 'The checks of one subject (a sub-fund, direct investment, project investment, proposal…)' })
  subject(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Param('subjectId') subjectId: string, @Query() q: CheckQueryDto) {
    return this.policy.checks(p, fofId, {
      asOf: q.asOf ?? today(),
      knownAt: q.knownAt ? new Date(q.knownAt) : undefined,
      ruleId: q.ruleId as RuleId[] | undefined,
      status: q.status as CheckStatus[] | undefined,
      subjectId,
    });
  }

  @Get('checks/grandfathered')
  @Roles('FUND_MANAGER', 'REVIEWER')
  @ApiOperation({ summary: 'The checks judged by the parameters in force on the decision date, next to those in force today' })
  grandfathered(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Query() q: GrandfatherQuery) {
    return this.policy.grandfathered(p, fofId, q.decisionDate, q.today ?? today());
  }

  @Post('what-if')
  @HttpCode(200)
  @Roles('FUND_MANAGER')
  @ApiOperation({
    summary: 'Check a decision before making it: the verdicts after a proposed action, the changes against now; nothing is written',
  })
  whatIf(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Body() body: WhatIfBody) {
    return this.policy.whatIf(p, fofId, toAction(body), body.asOf);
  }
}

@ApiTags('Policy packs 政策包')
@ApiBearerAuth()
@Controller()
export class PolicyPackController {
  constructor(@Inject(PolicyPackService) private readonly packs: PolicyPackService) {}

  @Get('policy-packs')
  @ApiOperation({ summary: 'The policy packs in use (latest revision of each)' })
  async list() {
    return (await this.packs.list()).map((p) => ({
      id: p.pack.id,
      jurisdiction: p.pack.jurisdiction,
      instrument: p.pack.instrument,
      title: p.pack.title,
      effectiveFrom: p.pack.effectiveFrom,
      effectiveTo: p.pack.effectiveTo,
      revision: p.revision,
      recordedAt: p.recordedAt.toISOString(),
    }));
  }

  @Get('policy-packs/:packId')
  @ApiQuery({ name: 'revision', required: false })
  async get(@Param('packId') packId: string, @Query('revision', new ParseIntPipe({ optional: true })) revision?: number) {
    const p = await this.packs.get(packId, revision);
    return { revision: p.revision, recordedAt: p.recordedAt.toISOString(), pack: p.pack };
  }

  @Get('policy-packs/:packId/revisions')
  async revisions(@Param('packId') packId: string) {
    return (await this.packs.history(packId)).map((r) => ({ ...r, recordedAt: r.recordedAt.toISOString() }));
  }

  @Post('admin/policy-packs')
  @HttpCode(201)
  @Roles('ADMIN')
  @ApiOperation({ summary: "Add a city's policy pack (validated; no code change needed)" })
  async create(@CurrentPrincipal() p: Principal, @Body() body: CreatePolicyPackBody) {
    const r = await this.packs.create(p, body.pack, body.changeNote);
    return { revision: r.revision, recordedAt: r.recordedAt.toISOString(), pack: r.pack };
  }

  @Post('admin/policy-packs/:packId/parameters/:key/versions')
  @HttpCode(201)
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Add a dated version of one parameter (a new revision of the pack)' })
  async addVersion(@CurrentPrincipal() p: Principal, @Param('packId') packId: string, @Param('key') key: string, @Body() body: ParameterVersionBody) {
    const { changeNote, ...v } = body;
    const r = await this.packs.addParameterVersion(p, packId, key, { ...v, to: v.to ?? null }, changeNote);
    return { revision: r.revision, recordedAt: r.recordedAt.toISOString(), parameter: { key, ...r.pack.parameters[key] } };
  }
}
