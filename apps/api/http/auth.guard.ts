import { type CanActivate, type ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '../../../libs/domain/errors/domain-error.js';
import type { Principal } from '../../../libs/domain/ledger/principal.js';
import type { Role } from '../../../libs/domain/ledger/vocabulary.js';
import { AuthService } from '../../../libs/application/auth/auth.service.js';

const PUBLIC = 'isPublic';
const ROLES = 'roles';

/** The route needs no token (health, login, API docs). */
export const Public = () => SetMetadata(PUBLIC, true);
/** Only these roles may call the route; others get 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export type AuthedRequest = Request & { principal?: Principal; correlationId?: string };

/** The acting principal, resolved from the bearer token by AuthGuard. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const p = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!p) throw new DomainError('UNAUTHENTICATED', 'no principal');
  return p;
});

export function bearerToken(req: Request): string | null {
  const h = req.headers.authorization;
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m ? m[1]! : null;
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const token = bearerToken(req);
    if (!token) throw new DomainError('UNAUTHENTICATED', 'send Authorization: Bearer <token> (POST /auth/login gives one)');
    req.principal = await this.auth.authenticate(token);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(req.principal.role)) {
      throw new DomainError('FORBIDDEN', `this action needs the role ${roles.join(' or ')}; you are ${req.principal.role}`);
    }
    return true;
  }
}
