import { DomainError } from '../../domain/errors/domain-error.js';
import type { Page, PageRequest, Principal } from '../../domain/ledger/principal.js';
import type { OrganizationEntity } from '../../persistence/entities/index.js';
import type { OrganizationRepository, UserRecord } from '../../persistence/repositories/organization.repository.js';
import type { AuditRepository, AuditEntry } from '../../persistence/repositories/audit.repository.js';
import type { TransactionContext } from '../../persistence/transaction-context.js';
import type { AuditService } from '../audit.service.js';
import type { FofAccess } from '../fof-access.js';
import { hashPassword } from '../auth/password.js';

export interface NewOrganization {
  code: string;
  name: string;
  kind: string;
  jurisdiction: string;
}
export interface NewUser {
  organizationId: string;
  username: string;
  displayName: string;
  role: string;
  password: string;
}

/** Organizations and users (ADMIN), and the audit trail (reviewers and managers, by scope). */
export class AdminService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly orgs: OrganizationRepository,
    private readonly auditRepo: AuditRepository,
    private readonly audit: AuditService,
    private readonly access: FofAccess,
  ) {}

  createOrganization(p: Principal | null, v: NewOrganization): Promise<OrganizationEntity> {
    return this.tx.run(async () => {
      const o = await this.orgs.createOrganization({ ...v, createdBy: p?.userId ?? null });
      await this.audit.record(p, 'CREATE', 'organization', o.id, null, v);
      return o;
    });
  }

  listOrganizations(req: PageRequest): Promise<Page<OrganizationEntity>> {
    return this.orgs.listOrganizations(req);
  }

  async createUser(p: Principal | null, v: NewUser): Promise<UserRecord> {
    const passwordHash = await hashPassword(v.password);
    return this.tx.run(async () => {
      if (!(await this.orgs.findOrganization(v.organizationId))) {
        throw new DomainError('NOT_FOUND', `organization ${v.organizationId} not found`);
      }
      const u = await this.orgs.createUser({
        organizationId: v.organizationId,
        username: v.username,
        displayName: v.displayName,
        role: v.role,
        passwordHash,
        createdBy: p?.userId ?? null,
      });
      const { password: _pw, ...logged } = v;
      await this.audit.record(p, 'CREATE', 'user', u.id, null, logged);
      return u;
    });
  }

  listUsers(req: PageRequest, organizationId?: string): Promise<Page<UserRecord>> {
    return this.orgs.listUsers(req, organizationId);
  }

  /** The audit trail of one FoF, for those who may read it. */
  async fofAudit(p: Principal, fofId: string, req: PageRequest): Promise<Page<AuditEntry>> {
    await this.access.readable(p, fofId);
    return this.auditRepo.list({ fofId }, req);
  }

  /** The whole audit trail, for administrators. */
  allAudit(req: PageRequest): Promise<Page<AuditEntry>> {
    return this.auditRepo.list({}, req);
  }
}
