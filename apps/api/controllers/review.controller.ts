import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../libs/domain/ledger/principal.js';
import { ReviewService } from '../../../libs/application/review/review.service.js';
import { CurrentPrincipal, Roles } from '../http/auth.guard.js';
import { uuidParam } from '../http/uuid-param.js';
import { AsOfQuery, today } from '../dto/common.dto.js';

@ApiTags('Lifecycle review 全生命周期评价')
@ApiBearerAuth()
@Controller('fofs/:fofId/review')
export class ReviewController {
  constructor(@Inject(ReviewService) private readonly reviews: ReviewService) {}

  @Get()
  @Roles('FUND_MANAGER', 'REVIEWER')
  @ApiOperation({
    summary:
      'The whole-lifecycle review as of a date (optionally as known at an instant): portfolio, categories, vintages, positions, annual tables, every check',
  })
  async review(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Query() q: AsOfQuery) {
    const r = await this.reviews.review(p, fofId, { asOf: q.asOf ?? today(), knownAt: q.knownAt ? new Date(q.knownAt) : undefined });
    return r.model;
  }
}
