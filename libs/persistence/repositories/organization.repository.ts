import type { TransactionContext } from '../transaction-context.js';
import { ApiTokenEntity, OrganizationEntity, UserEntity } from '../entities/index.js';
import type { Page, PageRequest, Principal } from '../../domain/ledger/principal.js';
import { paginate } from './paging.js';
import { translatePgError } from '../pg-errors.js';

export interface UserRecord {
  id: string;
  organizationId: string;
  username: string;
  displayName: string;
  role: string;
  active: boolean;
  createdAt: Date;
}

const toUser = (u: UserEntity): UserRecord => ({
  id: u.id,
  organizationId: u.organizationId,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  active: u.active,
  createdAt: u.createdAt,
});

/** Organizations, users and bearer tokens. */
export class OrganizationRepository {
  constructor(private readonly tx: TransactionContext) {}

  private get em() {
    return this.tx.manager();
  }

  async createOrganization(v: Pick<OrganizationEntity, 'code' | 'name' | 'kind' | 'jurisdiction' | 'createdBy'>): Promise<OrganizationEntity> {
    try {
      return await this.em.getRepository(OrganizationEntity).save(this.em.getRepository(OrganizationEntity).create(v));
    } catch (e) {
      throw translatePgError(e, 'organization');
    }
  }

  findOrganization(id: string): Promise<OrganizationEntity | null> {
    return this.em.getRepository(OrganizationEntity).findOneBy({ id });
  }

  findOrganizationByCode(code: string): Promise<OrganizationEntity | null> {
    return this.em.getRepository(OrganizationEntity).findOneBy({ code });
  }

  listOrganizations(req: PageRequest): Promise<Page<OrganizationEntity>> {
    const qb = this.em.getRepository(OrganizationEntity).createQueryBuilder('o').orderBy('o.code');
    return paginate(qb, req, (o) => o);
  }

  countUsers(): Promise<number> {
    return this.em.getRepository(UserEntity).count();
  }

  async createUser(v: Pick<UserEntity, 'organizationId' | 'username' | 'displayName' | 'role' | 'passwordHash' | 'createdBy'>): Promise<UserRecord> {
    try {
      const repo = this.em.getRepository(UserEntity);
      return toUser(await repo.save(repo.create(v)));
    } catch (e) {
      throw translatePgError(e, 'user');
    }
  }

  listUsers(req: PageRequest, organizationId?: string): Promise<Page<UserRecord>> {
    const qb = this.em.getRepository(UserEntity).createQueryBuilder('u').orderBy('u.username');
    if (organizationId) qb.where('u.organization_id = :organizationId', { organizationId });
    return paginate(qb, req, toUser);
  }

  /** The user and the password hash, for login. */
  findUserForLogin(username: string): Promise<UserEntity | null> {
    return this.em.getRepository(UserEntity).findOneBy({ username });
  }

  async createToken(userId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.em.getRepository(ApiTokenEntity).insert({ userId, tokenHash, expiresAt, revokedAt: null });
  }

  async revokeToken(tokenHash: string): Promise<void> {
    await this.em.getRepository(ApiTokenEntity).update({ tokenHash }, { revokedAt: new Date() });
  }

  /** The principal behind a valid (unexpired, unrevoked) token of an active user, or null. */
  async principalForToken(tokenHash: string): Promise<Principal | null> {
    const rows: Array<Record<string, string>> = await this.em.query(
      `SELECT u.id AS user_id, u.username, u.role, o.id AS organization_id, o.kind AS organization_kind, o.jurisdiction
         FROM api_tokens t
         JOIN users u ON u.id = t.user_id
         JOIN organizations o ON o.id = u.organization_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now() AND u.active`,
      [tokenHash],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      userId: r.user_id!,
      username: r.username!,
      role: r.role as Principal['role'],
      organizationId: r.organization_id!,
      organizationKind: r.organization_kind!,
      jurisdiction: r.jurisdiction!,
    };
  }
}
