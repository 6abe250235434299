import { DomainError } from '../../domain/errors/domain-error.js';
import type { Page, PageRequest, Principal } from '../../domain/ledger/principal.js';
import type { LedgerInput, LedgerKind, LedgerKinds } from '../../domain/ledger/records.js';
import type { FundRepository } from '../../persistence/repositories/fund.repository.js';
import type { LedgerFilter, LedgerRepository, LedgerRowOut } from '../../persistence/repositories/ledger.repository.js';
import type { TransactionContext } from '../../persistence/transaction-context.js';
import type { AuditService } from '../audit.service.js';
import type { FofAccess } from '../fof-access.js';
import { businessDateOf, type WriteGuard } from './write-guard.js';
import { todayUtc as today } from '../clock.js';

/** Reference fields a ledger row may carry, and what they must point at within the same FoF. */
const SUB_FUND_REFS = ['subFundId', 'buyerSubFundId', 'targetSubFundId', 'handoffSourceSubFundId'] as const;

/**
 * Use cases over the append-only ledger: record an entry, reverse one, read them. Each write runs in
 * one transaction with its audit row; references are checked to belong to the same FoF (else 404).
 */
export class LedgerService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly access: FofAccess,
    private readonly funds: FundRepository,
    private readonly ledger: LedgerRepository,
    private readonly audit: AuditService,
    private readonly guard: WriteGuard,
  ) {}

  async record<K extends LedgerKind>(p: Principal, kind: K, fofId: string, input: LedgerInput<K>): Promise<LedgerKinds[K]> {
    return this.tx.run(async () => {
      const fof = await this.access.writable(p, fofId);
      await this.checkReferences(kind, fofId, input as Record<string, unknown>);
      const row = await this.guard.guard(fof, businessDateOf(input, today()), () => this.ledger.insert(kind, fofId, p.userId, input));
      await this.audit.record(p, 'CREATE', kind, row.id, fofId, input);
      return row;
    });
  }

  async reverse<K extends LedgerKind>(p: Principal, kind: K, fofId: string, id: string, reason: string): Promise<LedgerKinds[K]> {
    return this.tx.run(async () => {
      const fof = await this.access.writable(p, fofId);
      const row = await this.guard.guard(fof, today(), () => this.ledger.reverse(kind, fofId, id, p.userId, reason));
      if (!row) throw new DomainError('NOT_FOUND', `${kind} ${id} not found`);
      await this.audit.record(p, 'REVERSE', kind, row.id, fofId, { reverses: id, reason });
      return row;
    });
  }

  async get<K extends LedgerKind>(p: Principal, kind: K, fofId: string, id: string): Promise<LedgerRowOut<K>> {
    await this.access.readable(p, fofId);
    const row = await this.ledger.get(kind, fofId, id);
    if (!row) throw new DomainError('NOT_FOUND', `${kind} ${id} not found`);
    return row;
  }

  async list<K extends LedgerKind>(p: Principal, kind: K, fofId: string, filter: LedgerFilter, req: PageRequest): Promise<Page<LedgerRowOut<K>>> {
    await this.access.readable(p, fofId);
    return this.ledger.list(kind, fofId, filter, req);
  }

  /** An exception's subject must be the FoF itself or something of it. */
  private async checkExceptionSubject(fofId: string, type: string, id: string): Promise<void> {
    const found =
      type === 'FOF'
        ? id === fofId
        : type === 'SUB_FUND'
          ? !!(await this.funds.findSubFund(fofId, id))
          : type === 'DIRECT_INVESTMENT'
            ? !!(await this.funds.findDirectInvestment(fofId, id))
            : type === 'PROJECT_INVESTMENT'
              ? !!(await this.ledger.get('project-investments', fofId, id))
              : false;
    if (!found) throw new DomainError('NOT_FOUND', `${type} ${id} (subjectId) not found in this FoF`);
  }

  private async checkReferences(kind: LedgerKind, fofId: string, input: Record<string, unknown>): Promise<void> {
    for (const ref of SUB_FUND_REFS) {
      const id = input[ref];
      if (typeof id === 'string' && !(await this.funds.findSubFund(fofId, id))) {
        throw new DomainError('NOT_FOUND', `sub-fund ${id} (${ref}) not found in this FoF`);
      }
    }
    const di = input.directInvestmentId;
    if (typeof di === 'string' && !(await this.funds.findDirectInvestment(fofId, di))) {
      throw new DomainError('NOT_FOUND', `direct investment ${di} not found in this FoF`);
    }
    if (kind === 'exceptions') await this.checkExceptionSubject(fofId, input.subjectType as string, input.subjectId as string);
    if (kind === 'project-exits') {
      const pi = await this.ledger.get('project-investments', fofId, input.projectInvestmentId as string);
      if (!pi || pi.subFundId !== input.subFundId) {
        throw new DomainError('NOT_FOUND', `project investment ${String(input.projectInvestmentId)} not found in sub-fund ${String(input.subFundId)}`);
      }
    }
    if (kind === 'project-investments' && input.isHandoff) {
      const src = await this.funds.findSubFund(fofId, input.handoffSourceSubFundId as string);
      if (src && !['SEED', 'ANGEL'].includes(src.category)) {
        throw new DomainError('VALIDATION', 'a hand-off takes over a project from a SEED or ANGEL sub-fund', [
          { path: 'handoffSourceSubFundId', reason: `sub-fund ${src.code} is ${src.category}, not SEED or ANGEL` },
        ]);
      }
    }
  }
}
