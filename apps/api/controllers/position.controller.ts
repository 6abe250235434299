import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../libs/domain/ledger/principal.js';
import { PositionService } from '../../../libs/application/review/position.service.js';
import { CurrentPrincipal, Roles } from '../http/auth.guard.js';
import { uuidParam } from '../http/uuid-param.js';
import { AsOfQuery, today } from '../dto/common.dto.js';
import { fofDto } from '../dto/mappers.js';

@ApiTags('Positions 持仓')
@ApiBearerAuth()
@Controller('fofs/:fofId/positions')
export class PositionController {
  constructor(@Inject(PositionService) private readonly positions: PositionService) {}

  @Get()
  @Roles('FUND_MANAGER', 'REVIEWER')
  @ApiOperation({
    summary: 'Every position with its figures (paidIn, distributed, nav, dpi, tvpi, irr, loss…) as of a date, optionally as known at an instant',
  })
  async list(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Query() q: AsOfQuery) {
    const r = await this.positions.positions(p, fofId, q.asOf ?? today(), q.knownAt ? new Date(q.knownAt) : undefined);
    return { ...r, fof: fofDto(r.fof) };
  }
}
