import crypto from 'node:crypto';
import { DomainError } from '../../domain/errors/domain-error.js';
import type { Principal } from '../../domain/ledger/principal.js';
import type { OrganizationRepository } from '../../persistence/repositories/organization.repository.js';
import { DUMMY_HASH, verifyPassword } from './password.js';
import { LoginRateLimiter } from './login-rate-limiter.js';

export const sha256 = (s: string | Buffer) => crypto.createHash('sha256').update(s).digest('hex');

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: { id: string; username: string; displayName: string; role: string; organizationId: string };
}

/** Username + password → bearer token. Tokens are random, stored only as SHA-256, and expire. */
export class AuthService {
  readonly limiter = new LoginRateLimiter();

  constructor(
    private readonly orgs: OrganizationRepository,
    private readonly tokenTtlHours: number,
  ) {}

  async login(username: string, password: string, clientIp: string): Promise<LoginResult> {
    const keys = [`user:${username}`, `ip:${clientIp}`];
    const wait = this.limiter.retryAfter(keys);
    if (wait > 0) throw new DomainError('RATE_LIMITED', `too many failed logins; try again in ${wait} s`, { retryAfterSeconds: wait });
    const user = await this.orgs.findUserForLogin(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      this.limiter.fail(keys);
      throw new DomainError('UNAUTHENTICATED', 'wrong username or password');
    }
    this.limiter.succeed(username);
    const token = crypto.randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.tokenTtlHours * 3600_000);
    await this.orgs.createToken(user.id, sha256(token), expiresAt);
    return {
      token,
      expiresAt,
      user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, organizationId: user.organizationId },
    };
  }

  async authenticate(token: string): Promise<Principal> {
    const p = await this.orgs.principalForToken(sha256(token));
    if (!p) throw new DomainError('UNAUTHENTICATED', 'the token is missing, unknown, revoked or expired');
    return p;
  }

  async logout(token: string): Promise<void> {
    await this.orgs.revokeToken(sha256(token));
  }
}
