import type { TransactionContext } from '../transaction-context.js';
import { DirectInvestmentEntity, FofEntity, SubFundEntity } from '../entities/index.js';
import type { Page, PageRequest, Principal } from '../../domain/ledger/principal.js';
import type { DirectInvestmentRecord, FofRecord, SubFundRecord } from '../../domain/ledger/records.js';
import { paginate } from './paging.js';
import { translatePgError } from '../pg-errors.js';
import { knownAtSql } from '../known-at.js';
import { normalizeMoney } from '../normalize-money.js';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * The FoFs a principal may see: a fund manager those of its own organization, a reviewer
 * every FoF of its finance bureau's jurisdiction, anyone else none.
 */
export function visibleFofCondition(p: Principal, alias: string): { sql: string; params: Record<string, string> } {
  if (p.role === 'FUND_MANAGER') return { sql: `${alias}.organization_id = :scopeOrg`, params: { scopeOrg: p.organizationId } };
  if (p.role === 'REVIEWER') return { sql: `${alias}.jurisdiction = :scopeJur`, params: { scopeJur: p.jurisdiction } };
  return { sql: 'false', params: {} };
}

function knownAtFilter<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, alias: string, knownAt?: Date): SelectQueryBuilder<E> {
  return knownAt ? qb.andWhere(knownAtSql(`${alias}.created_at`, ':knownAt'), { knownAt }) : qb;
}

/** FoFs, their sub-funds and direct investments (master data, created once). */
export class FundRepository {
  constructor(private readonly tx: TransactionContext) {}

  private get em() {
    return this.tx.manager();
  }

  async createFof(v: Omit<FofRecord, 'id' | 'createdAt'>): Promise<FofRecord> {
    try {
      const repo = this.em.getRepository(FofEntity);
      return await repo.save(repo.create(v));
    } catch (e) {
      throw translatePgError(e, 'FoF');
    }
  }

  findVisibleFof(p: Principal, id: string): Promise<FofRecord | null> {
    const c = visibleFofCondition(p, 'f');
    return this.em.getRepository(FofEntity).createQueryBuilder('f').where('f.id = :id', { id }).andWhere(c.sql, c.params).getOne();
  }

  findFofByCode(code: string): Promise<FofRecord | null> {
    return this.em.getRepository(FofEntity).findOneBy({ code });
  }

  findFof(id: string): Promise<FofRecord | null> {
    return this.em.getRepository(FofEntity).findOneBy({ id });
  }

  listVisibleFofs(p: Principal, req: PageRequest): Promise<Page<FofRecord>> {
    const c = visibleFofCondition(p, 'f');
    const qb = this.em.getRepository(FofEntity).createQueryBuilder('f').where(c.sql, c.params).orderBy('f.code');
    return paginate(qb, req, (f) => f);
  }

  async setStrictMode(fofId: string, strictMode: boolean): Promise<void> {
    await this.em.getRepository(FofEntity).update({ id: fofId }, { strictMode });
  }

  async createSubFund(v: Omit<SubFundRecord, 'id' | 'createdAt'>): Promise<SubFundRecord> {
    try {
      const repo = this.em.getRepository(SubFundEntity);
      return await repo.save(repo.create(v));
    } catch (e) {
      throw translatePgError(e, 'sub-fund');
    }
  }

  findSubFund(fofId: string, id: string): Promise<SubFundRecord | null> {
    return this.em.getRepository(SubFundEntity).findOneBy({ fofId, id });
  }

  listSubFunds(fofId: string, req: PageRequest, filter: { category?: string; knownAt?: Date } = {}): Promise<Page<SubFundRecord>> {
    const qb = this.em.getRepository(SubFundEntity).createQueryBuilder('s').where('s.fof_id = :fofId', { fofId }).orderBy('s.code');
    if (filter.category) qb.andWhere('s.category = :category', { category: filter.category });
    return paginate(knownAtFilter(qb, 's', filter.knownAt), req, (s) => s);
  }

  allSubFunds(fofId: string, knownAt?: Date): Promise<SubFundRecord[]> {
    const qb = this.em.getRepository(SubFundEntity).createQueryBuilder('s').where('s.fof_id = :fofId', { fofId }).orderBy('s.code');
    return knownAtFilter(qb, 's', knownAt).getMany();
  }

  async createDirectInvestment(v: Omit<DirectInvestmentRecord, 'id' | 'createdAt'>): Promise<DirectInvestmentRecord> {
    try {
      const repo = this.em.getRepository(DirectInvestmentEntity);
      return normalizeMoney(repo.metadata, await repo.save(repo.create(v)));
    } catch (e) {
      throw translatePgError(e, 'direct investment');
    }
  }

  findDirectInvestment(fofId: string, id: string): Promise<DirectInvestmentRecord | null> {
    return this.em.getRepository(DirectInvestmentEntity).findOneBy({ fofId, id });
  }

  listDirectInvestments(fofId: string, req: PageRequest, knownAt?: Date): Promise<Page<DirectInvestmentRecord>> {
    const qb = this.em.getRepository(DirectInvestmentEntity).createQueryBuilder('d').where('d.fof_id = :fofId', { fofId }).orderBy('d.code');
    return paginate(knownAtFilter(qb, 'd', knownAt), req, (d) => d);
  }

  allDirectInvestments(fofId: string, knownAt?: Date): Promise<DirectInvestmentRecord[]> {
    const qb = this.em.getRepository(DirectInvestmentEntity).createQueryBuilder('d').where('d.fof_id = :fofId', { fofId }).orderBy('d.code');
    return knownAtFilter(qb, 'd', knownAt).getMany();
  }
}
