import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiPropertyOptional, ApiProduces } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { exportReviewWorkbook, reviewFileName } from '../../../libs/application/review/review-export.js';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../libs/domain/ledger/principal.js';
import { ReviewService } from '../../../libs/application/review/review.service.js';
import { ExportSlots } from '../../../libs/application/review/export-slots.js';
import { CurrentPrincipal, Roles } from '../http/auth.guard.js';
import { uuidParam } from '../http/uuid-param.js';
import { streamDownload } from '../http/download.js';
import { AsOfQuery, today } from '../dto/common.dto.js';

class WorkbookQuery extends AsOfQuery {
  @ApiPropertyOptional({ enum: ['zh', 'en'], default: 'zh' })
  @IsOptional()
  @IsIn(['zh', 'en'])
  lang?: 'zh' | 'en';
}

@ApiTags('Lifecycle review 全生命周期评价')
@ApiBearerAuth()
@Controller('fofs/:fofId/review')
export class ReviewController {
  constructor(
    @Inject(ReviewService) private readonly reviews: ReviewService,
    @Inject(ExportSlots) private readonly slots: ExportSlots,
  ) {}

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

  @Get('workbook')
  @Roles('FUND_MANAGER', 'REVIEWER')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'The review as an Excel workbook (streamed): Chinese labels by default, English with lang=en; formulas with cached values' })
  async workbook(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Query() q: WorkbookQuery, @Res() res: Response) {
    const asOf = q.asOf ?? today();
    const lang = q.lang ?? 'zh';
    const release = await this.slots.acquire();
    try {
      // The figures and the cash-flow sheet streamed after them read one snapshot.
      await this.reviews.inOneSnapshot(async () => {
        const built = await this.reviews.review(p, fofId, { asOf, knownAt: q.knownAt ? new Date(q.knownAt) : undefined });
        res.status(200);
        res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        res.setHeader('Content-Disposition', `attachment; filename="${reviewFileName(built.model.fof.code, asOf, lang)}"`);
        await streamDownload(res, `review workbook of ${built.model.fof.code} as of ${asOf}`, () => exportReviewWorkbook(built, res, { lang }));
      });
    } catch (e) {
      // Once the download began, streamDownload has cut it short and logged why.
      if (!res.headersSent) throw e;
    } finally {
      release();
    }
  }
}
