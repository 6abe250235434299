import crypto from 'node:crypto';
import type { NextFunction, Response } from 'express';
import type { AuthedRequest } from './auth.guard.js';

/** One structured JSON line per request: method, path, status, duration, user, correlation id. */
export function requestLogger(enabled: boolean, write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)) {
  return (req: AuthedRequest, res: Response, next: NextFunction) => {
    const incoming = req.headers['x-request-id'];
    req.correlationId = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
    res.setHeader('X-Request-Id', req.correlationId);
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      if (!enabled) return;
      write(
        JSON.stringify({
          t: new Date().toISOString(),
          level: res.statusCode >= 500 ? 'error' : 'info',
          msg: 'request',
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          ms: Number((process.hrtime.bigint() - start) / 1000n) / 1000,
          user: req.principal?.username ?? null,
          correlationId: req.correlationId,
        }),
      );
    });
    next();
  };
}
