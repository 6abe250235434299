import type { TransactionContext } from '../transaction-context.js';
import { AuditLogEntity } from '../entities/index.js';
import type { Page, PageRequest } from '../../domain/ledger/principal.js';
import { paginate } from './paging.js';

export interface AuditEntry {
  id: string;
  at: Date;
  userId: string | null;
  organizationId: string | null;
  fofId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  payloadDigest: string;
}

/** The append-only audit trail. */
export class AuditRepository {
  constructor(private readonly tx: TransactionContext) {}

  async append(e: Omit<AuditEntry, 'id' | 'at'>): Promise<void> {
    await this.tx.manager().getRepository(AuditLogEntity).insert(e);
  }

  list(filter: { fofId?: string; organizationId?: string }, req: PageRequest): Promise<Page<AuditEntry>> {
    const qb = this.tx.manager().getRepository(AuditLogEntity).createQueryBuilder('a').orderBy('a.id', 'DESC');
    if (filter.fofId) qb.andWhere('a.fof_id = :fofId', { fofId: filter.fofId });
    if (filter.organizationId) qb.andWhere('a.organization_id = :organizationId', { organizationId: filter.organizationId });
    return paginate(qb, req, (a) => a);
  }
}
