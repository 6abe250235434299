import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '../../../libs/domain/errors/domain-error.js';
import { translatePgError } from '../../../libs/persistence/pg-errors.js';
import { HTTP_STATUS } from './errors.js';

/**
 * Every error leaves as { statusCode, code, message, details?, correlationId }. Domain errors by the
 * code map; Nest's HTTP errors as they are; anything else is a 500 with a correlation id and no internals.
 */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(raw: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request & { correlationId?: string }>();
    const correlationId = req.correlationId ?? 'none';
    const e = translatePgError(raw);
    if (res.headersSent) {
      // A response already under way: no status can be sent any more. It is cut short so it is not
      // taken for complete, and the error logged with its stack. (Downloads log their own: download.ts.)
      this.logger.error(`error after the response began ${correlationId}: ${(e as Error)?.stack ?? String(e)}`);
      if (!res.writableEnded) res.destroy();
      return;
    }
    if (e instanceof DomainError) {
      const status = HTTP_STATUS[e.code];
      if (e.code === 'RATE_LIMITED') {
        const retry = (e.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        if (retry) res.setHeader('Retry-After', String(retry));
      }
      res.status(status).json({ statusCode: status, code: e.code, message: e.message, details: e.details ?? null, correlationId });
      return;
    }
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const body = e.getResponse();
      const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? e.message);
      const code = status === 404 ? 'NOT_FOUND' : status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 400 ? 'VALIDATION' : `HTTP_${status}`;
      res.status(status).json({ statusCode: status, code, message: Array.isArray(message) ? message.join('; ') : String(message), details: null, correlationId });
      return;
    }
    this.logger.error(`unhandled error ${correlationId}: ${(e as Error)?.stack ?? String(e)}`);
    res.status(500).json({ statusCode: 500, code: 'INTERNAL', message: 'internal error; quote the correlation id when reporting it', details: null, correlationId });
  }
}
