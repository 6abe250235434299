import type { Page, PageRequest, Principal } from '../../domain/ledger/principal.js';
import type { DirectInvestmentRecord, FofRecord, SubFundRecord } from '../../domain/ledger/records.js';
import { DomainError } from '../../domain/errors/domain-error.js';
import type { FundRepository } from '../../persistence/repositories/fund.repository.js';
import type { TransactionContext } from '../../persistence/transaction-context.js';
import type { AuditService } from '../audit.service.js';
import type { FofAccess } from '../fof-access.js';
import { businessDateOf, type WriteGuard } from './write-guard.js';
import { todayUtc as today } from '../clock.js';

export type NewFof = Pick<FofRecord, 'code' | 'name' | 'jurisdiction'>;
export type NewSubFund = Pick<SubFundRecord, 'code' | 'name' | 'category' | 'manager' | 'firstClose' | 'termEnd'> &
  Partial<Pick<SubFundRecord, 'seedProjectCap' | 'startupProjectCap'>>;
export type NewDirectInvestment = Pick<DirectInvestmentRecord, 'code' | 'projectName' | 'stage' | 'isTech' | 'decisionDate' | 'commitment'>;

/** FoFs, sub-funds and direct investments: created once, read by scope. */
export class FundService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly access: FofAccess,
    private readonly funds: FundRepository,
    private readonly audit: AuditService,
    private readonly guard: WriteGuard,
  ) {}

  createFof(p: Principal, v: NewFof): Promise<FofRecord> {
    if (p.role !== 'FUND_MANAGER') throw new DomainError('FORBIDDEN', 'only a fund manager creates a FoF');
    return this.tx.run(async () => {
      const fof = await this.funds.createFof({ ...v, organizationId: p.organizationId, strictMode: false, createdBy: p.userId });
      await this.audit.record(p, 'CREATE', 'fof', fof.id, fof.id, v);
      return fof;
    });
  }

  getFof(p: Principal, id: string): Promise<FofRecord> {
    return this.access.readable(p, id);
  }

  listFofs(p: Principal, req: PageRequest): Promise<Page<FofRecord>> {
    return this.funds.listVisibleFofs(p, req);
  }

  setStrictMode(p: Principal, fofId: string, strictMode: boolean): Promise<FofRecord> {
    return this.tx.run(async () => {
      await this.access.writable(p, fofId);
      await this.funds.setStrictMode(fofId, strictMode);
      await this.audit.record(p, 'UPDATE', 'fof', fofId, fofId, { strictMode });
      return this.access.readable(p, fofId);
    });
  }

  createSubFund(p: Principal, fofId: string, v: NewSubFund): Promise<SubFundRecord> {
    if (v.termEnd <= v.firstClose) {
      throw new DomainError('VALIDATION', 'the term must end after the first close', [{ path: 'termEnd', reason: 'must be after firstClose' }]);
    }
    return this.tx.run(async () => {
      const fof = await this.access.writable(p, fofId);
      const sf = await this.guard.guard(fof, businessDateOf(v, today()), () =>
        this.funds.createSubFund({ ...v, seedProjectCap: v.seedProjectCap ?? null, startupProjectCap: v.startupProjectCap ?? null, fofId, createdBy: p.userId }),
      );
      await this.audit.record(p, 'CREATE', 'sub-fund', sf.id, fofId, v);
      return sf;
    });
  }

  async getSubFund(p: Principal, fofId: string, id: string): Promise<SubFundRecord> {
    await this.access.readable(p, fofId);
    const sf = await this.funds.findSubFund(fofId, id);
    if (!sf) throw new DomainError('NOT_FOUND', `sub-fund ${id} not found`);
    return sf;
  }

  async listSubFunds(p: Principal, fofId: string, req: PageRequest, filter: { category?: string; knownAt?: Date }): Promise<Page<SubFundRecord>> {
    await this.access.readable(p, fofId);
    return this.funds.listSubFunds(fofId, req, filter);
  }

  createDirectInvestment(p: Principal, fofId: string, v: NewDirectInvestment): Promise<DirectInvestmentRecord> {
    return this.tx.run(async () => {
      const fof = await this.access.writable(p, fofId);
      const di = await this.guard.guard(fof, businessDateOf(v, today()), () => this.funds.createDirectInvestment({ ...v, fofId, createdBy: p.userId }));
      await this.audit.record(p, 'CREATE', 'direct-investment', di.id, fofId, v);
      return di;
    });
  }

  async getDirectInvestment(p: Principal, fofId: string, id: string): Promise<DirectInvestmentRecord> {
    await this.access.readable(p, fofId);
    const di = await this.funds.findDirectInvestment(fofId, id);
    if (!di) throw new DomainError('NOT_FOUND', `direct investment ${id} not found`);
    return di;
  }

  async listDirectInvestments(p: Principal, fofId: string, req: PageRequest, knownAt?: Date): Promise<Page<DirectInvestmentRecord>> {
    await this.access.readable(p, fofId);
    return this.funds.listDirectInvestments(fofId, req, knownAt);
  }
}
