import { DomainError } from '../domain/errors/domain-error.js';
import type { Principal } from '../domain/ledger/principal.js';
import type { FofRecord } from '../domain/ledger/records.js';
import type { FundRepository } from '../persistence/repositories/fund.repository.js';

/**
 * Organization scoping. A FoF the principal may not see does not exist for it (404), whatever the
 * route; one it may see but not change is 403.
 */
export class FofAccess {
  constructor(private readonly funds: FundRepository) {}

  async readable(p: Principal, fofId: string): Promise<FofRecord> {
    const fof = await this.funds.findVisibleFof(p, fofId);
    if (!fof) throw new DomainError('NOT_FOUND', `FoF ${fofId} not found`);
    return fof;
  }

  async writable(p: Principal, fofId: string): Promise<FofRecord> {
    const fof = await this.readable(p, fofId);
    if (p.role !== 'FUND_MANAGER' || fof.organizationId !== p.organizationId) {
      throw new DomainError('FORBIDDEN', 'only a fund manager of the owning organization writes to this FoF');
    }
    return fof;
  }
}
