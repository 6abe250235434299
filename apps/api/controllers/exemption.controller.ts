import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import type { Principal } from '../../../libs/domain/ledger/principal.js';
import { MAX_EVIDENCE_BYTES } from '../../../libs/domain/exemption/evidence.js';
import { ExemptionService } from '../../../libs/application/exemption/exemption.service.js';
import { writeExemptionReport } from '../../../libs/reporting/exemption-report.js';
import { CurrentPrincipal, Roles } from '../http/auth.guard.js';
import { uuidParam } from '../http/uuid-param.js';
import { AsOfQuery, PageQuery, today } from '../dto/common.dto.js';
import { AnswersBody, ApproveBody, CommentBody, EvidenceBody, OpenCaseBody, ReturnBody } from '../dto/exemption.dto.js';
import { pageOf } from '../dto/mappers.js';
import { streamDownload } from '../http/download.js';

class ReportQuery {
  @ApiPropertyOptional({ enum: ['zh', 'en'], default: 'zh' })
  @IsOptional()
  @IsIn(['zh', 'en'])
  lang?: 'zh' | 'en';
}

@ApiTags('Exemption assessments 尽职免责')
@ApiBearerAuth()
@Controller('fofs/:fofId')
export class ExemptionController {
  constructor(@Inject(ExemptionService) private readonly exemptions: ExemptionService) {}

  @Get('loss-events')
  @Roles('FUND_MANAGER', 'REVIEWER')
  @ApiOperation({ summary: 'Subjects that need an assessment: a FAIL on a loss-tolerance rule, a written-off project, a sub-fund liquidated at a loss' })
  lossEvents(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Query() q: AsOfQuery) {
    return this.exemptions.lossEvents(p, fofId, q.asOf ?? today());
  }

  @Post('exemption-cases')
  @HttpCode(201)
  @Roles('FUND_MANAGER')
  @ApiOperation({ summary: 'Open an assessment for a subject: facts from the ledger as of the case date, the checklist from the policy pack' })
  open(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Body() body: OpenCaseBody) {
    return this.exemptions.open(p, fofId, body);
  }

  @Get('exemption-cases')
  @Roles('FUND_MANAGER', 'REVIEWER')
  async list(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Query() q: PageQuery) {
    return pageOf(await this.exemptions.list(p, fofId, q), (c) => c);
  }

  @Get('exemption-cases/:caseId')
  @Roles('FUND_MANAGER', 'REVIEWER')
  get(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Param('caseId', uuidParam('caseId')) caseId: string) {
    return this.exemptions.get(p, fofId, caseId);
  }

  @Post('exemption-cases/:caseId/answers')
  @HttpCode(200)
  @Roles('FUND_MANAGER')
  @ApiOperation({ summary: 'Answer checklist, negative-list and objective-cause items (DRAFT or RETURNED only); the conclusion is recomputed' })
  answers(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Param('caseId', uuidParam('caseId')) caseId: string, @Body() body: AnswersBody) {
    const { comment, ...edit } = body;
    return this.exemptions.answer(p, fofId, caseId, edit, comment ?? null);
  }

  @Post('exemption-cases/:caseId/evidence')
  @HttpCode(201)
  @Roles('FUND_MANAGER')
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Upload an evidence file (pdf, jpg, png, docx, xlsx, ofd; at most 20 MiB) for a checklist item; kept with its SHA-256' })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1 } }))
  evidence(
    @CurrentPrincipal() p: Principal,
    @Param('fofId', uuidParam('fofId')) fofId: string,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() body: EvidenceBody,
    @UploadedFile() file: { originalname: string; mimetype: string; size: number; buffer: Buffer } | undefined,
  ) {
    return this.exemptions.addEvidence(p, fofId, caseId, body, file);
  }

  @Get('exemption-cases/:caseId/evidence/:evidenceId')
  @Roles('FUND_MANAGER', 'REVIEWER')
  async download(
    @CurrentPrincipal() p: Principal,
    @Param('fofId', uuidParam('fofId')) fofId: string,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Param('evidenceId', uuidParam('evidenceId')) evidenceId: string,
    @Res() res: Response,
  ) {
    const f = await this.exemptions.evidenceFile(p, fofId, caseId, evidenceId);
    res.setHeader('Content-Type', f.mimeType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
    res.setHeader('X-Content-SHA256', f.sha256);
    res.sendFile(f.path, { dotfiles: 'allow' });
  }

  @Post('exemption-cases/:caseId/submit')
  @HttpCode(200)
  @Roles('FUND_MANAGER')
  submit(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Param('caseId', uuidParam('caseId')) caseId: string, @Body() body: CommentBody) {
    return this.exemptions.transition(p, fofId, caseId, 'SUBMIT', { comment: body.comment ?? null });
  }

  @Post('exemption-cases/:caseId/approve')
  @HttpCode(200)
  @Roles('REVIEWER')
  @ApiOperation({ summary: 'Approve: confirm the computed conclusion, or override it with a reason (both are kept). Final.' })
  approve(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Param('caseId', uuidParam('caseId')) caseId: string, @Body() body: ApproveBody) {
    return this.exemptions.transition(p, fofId, caseId, 'APPROVE', { comment: body.comment ?? null, override: body.override ?? null });
  }

  @Post('exemption-cases/:caseId/return')
  @HttpCode(200)
  @Roles('REVIEWER')
  returnCase(@CurrentPrincipal() p: Principal, @Param('fofId', uuidParam('fofId')) fofId: string, @Param('caseId', uuidParam('caseId')) caseId: string, @Body() body: ReturnBody) {
    return this.exemptions.transition(p, fofId, caseId, 'RETURN', { comment: body.comment });
  }

  @Get('exemption-cases/:caseId/report')
  @Roles('FUND_MANAGER', 'REVIEWER')
  @ApiOperation({ summary: 'The 尽职免责评估报告 as an Excel workbook (Chinese by default, lang=en for English)' })
  async report(
    @CurrentPrincipal() p: Principal,
    @Param('fofId', uuidParam('fofId')) fofId: string,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Query() q: ReportQuery,
    @Res() res: Response,
  ) {
    const model = await this.exemptions.reportModel(p, fofId, caseId);
    res.status(200);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="exemption-${model.case.caseNo.replace(/[^A-Za-z0-9_.-]/g, '_')}.xlsx"`);
    try {
      await streamDownload(res, `exemption report ${model.case.caseNo}`, () => writeExemptionReport(model, res, { lang: q.lang ?? 'zh' }));
    } catch (e) {
      // Once the download began, streamDownload has cut it short and logged why.
      if (!res.headersSent) throw e;
    }
  }
}
