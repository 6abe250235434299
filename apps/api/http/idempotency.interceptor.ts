import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DomainError } from '../../../libs/domain/errors/domain-error.js';
import { IdempotencyRepository } from '../../../libs/persistence/repositories/idempotency.repository.js';
import { TransactionContext } from '../../../libs/persistence/transaction-context.js';
import { digest } from '../../../libs/application/audit.service.js';
import type { AuthedRequest } from './auth.guard.js';

/** The metadata key @HttpCode sets (HTTP_CODE_METADATA in @nestjs/common, which its entry point does not export). */
const HTTP_CODE_METADATA = '__httpCode__';

const isUniqueViolation = (e: unknown) =>
  typeof e === 'object' && e !== null && ((e as { code?: string }).code === '23505' || (e as { driverError?: { code?: string } }).driverError?.code === '23505');

/**
 * Every authenticated POST runs in one transaction (a failed multi-row write leaves no row). With an
 * Idempotency-Key header, the first response is stored in that transaction; a replay returns it and
 * writes nothing; the same key with another body or route is 422. A concurrent duplicate waits on the
 * key's row, then replays.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly tx: TransactionContext,
    private readonly keys: IdempotencyRepository,
    private readonly reflector: Reflector,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();
    if (req.method !== 'POST' || !req.principal) return next.handle();
    const raw = req.headers['idempotency-key'];
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (key === undefined) return from(this.tx.run(() => lastValueFrom(next.handle(), { defaultValue: undefined })));
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw new DomainError('VALIDATION', 'Idempotency-Key must be 1 to 200 visible ASCII characters', [
        { path: 'header.Idempotency-Key', reason: 'must be 1 to 200 visible ASCII characters' },
      ]);
    }
    // The status the route answers with (@HttpCode), which Nest sets only after this interceptor: POST's default is 201.
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, ctx.getHandler()) ?? 201;
    return from(this.handle(req, res, key, next, status));
  }

  private async handle(req: AuthedRequest, res: Response, key: string, next: CallHandler, status: number): Promise<unknown> {
    const userId = req.principal!.userId;
    const path = req.originalUrl.split('?')[0]!;
    const requestDigest = digest({ method: req.method, path, body: req.body ?? null });
    const replay = async () => {
      const stored = await this.keys.find(userId, key);
      if (!stored) return undefined;
      if (stored.requestDigest !== requestDigest) {
        throw new DomainError('IDEMPOTENCY_MISMATCH', 'this Idempotency-Key was used with a different request; use a new key', {
          firstPath: stored.path,
        });
      }
      res.status(stored.statusCode).setHeader('Idempotent-Replay', 'true');
      return stored.responseBody;
    };
    const first = await replay();
    if (first !== undefined) return first;
    try {
      return await this.tx.run(async () => {
        await this.keys.claim(userId, key, req.method, path, requestDigest);
        const body = await lastValueFrom(next.handle(), { defaultValue: null });
        const json = JSON.parse(JSON.stringify(body ?? null)) as unknown;
        await this.keys.complete(userId, key, status, json ?? {});
        return body;
      });
    } catch (e) {
      if (isUniqueViolation(e) && (await this.keys.find(userId, key))) return replay();
      throw e;
    }
  }
}
