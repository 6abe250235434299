import type { EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { TransactionContext } from '../transaction-context.js';
import {
  IncentiveProposalEntity,
  LpCommitmentEntity,
  MaLoanEntity,
  PolicyExceptionEntity,
  PositionAmendmentEntity,
  PositionFlowEntity,
  ProjectExitEntity,
  ProjectInvestmentEntity,
  SecondaryPurchaseEntity,
  ValuationEntity,
} from '../entities/index.js';
import type { LedgerInput, LedgerKind, LedgerKinds } from '../../domain/ledger/records.js';
import type { Page, PageRequest } from '../../domain/ledger/principal.js';
import type { BusinessDate } from '../../domain/money/business-date.js';
import { translatePgError } from '../pg-errors.js';
import { activeRowSql, knownAtSql } from '../known-at.js';
import { normalizeMoney } from '../normalize-money.js';

interface KindMeta {
  entity: EntityTarget<ObjectLiteral>;
  table: string;
  /** The business date column, for as-of reads and ordering. */
  dateColumn: string;
}

export const LEDGER_KIND_META: Record<LedgerKind, KindMeta> = {
  'lp-commitments': { entity: LpCommitmentEntity, table: 'lp_commitments', dateColumn: 'commit_date' },
  amendments: { entity: PositionAmendmentEntity, table: 'position_amendments', dateColumn: 'effective_date' },
  flows: { entity: PositionFlowEntity, table: 'position_flows', dateColumn: 'flow_date' },
  valuations: { entity: ValuationEntity, table: 'valuations', dateColumn: 'valuation_date' },
  'project-investments': { entity: ProjectInvestmentEntity, table: 'project_investments', dateColumn: 'investment_date' },
  'project-exits': { entity: ProjectExitEntity, table: 'project_exits', dateColumn: 'exit_date' },
  'secondary-purchases': { entity: SecondaryPurchaseEntity, table: 'secondary_purchases', dateColumn: 'purchase_date' },
  'incentive-proposals': { entity: IncentiveProposalEntity, table: 'incentive_proposals', dateColumn: 'proposal_date' },
  exceptions: { entity: PolicyExceptionEntity, table: 'policy_exceptions', dateColumn: 'approved_on' },
  'ma-loans': { entity: MaLoanEntity, table: 'ma_loans', dateColumn: 'start_date' },
};

export interface LedgerFilter {
  subFundId?: string;
  directInvestmentId?: string;
  from?: BusinessDate;
  to?: BusinessDate;
  /** Only rows recorded at or before this instant (and reversals recorded by then). */
  knownAt?: Date;
  /** Leave out reversal rows and the rows they reverse. */
  activeOnly?: boolean;
}

export type LedgerRowOut<K extends LedgerKind> = LedgerKinds[K] & { reversedBy: string | null };

/**
 * The one generic access path to the append-only ledger tables: insert, reverse, read.
 * Nothing here updates or deletes (the database would refuse it anyway).
 */
export class LedgerRepository {
  constructor(private readonly tx: TransactionContext) {}

  private get em() {
    return this.tx.manager();
  }

  async insert<K extends LedgerKind>(kind: K, fofId: string, recordedBy: string, input: LedgerInput<K>): Promise<LedgerKinds[K]> {
    const meta = LEDGER_KIND_META[kind];
    try {
      const repo = this.em.getRepository(meta.entity);
      const saved = await repo.save(repo.create({ ...input, fofId, recordedBy, reversesId: null, reason: null }));
      return normalizeMoney(repo.metadata, saved) as unknown as LedgerKinds[K];
    } catch (e) {
      throw translatePgError(e, kind);
    }
  }

  /** Inserts many rows in one statement (used by bulk imports and the demo). */
  async insertMany<K extends LedgerKind>(kind: K, fofId: string, recordedBy: string, inputs: Array<LedgerInput<K>>): Promise<void> {
    if (inputs.length === 0) return;
    const meta = LEDGER_KIND_META[kind];
    try {
      await this.em
        .createQueryBuilder()
        .insert()
        .into(meta.entity)
        .values(inputs.map((i) => ({ ...i, fofId, recordedBy, reversesId: null, reason: null })))
        .execute();
    } catch (e) {
      throw translatePgError(e, kind);
    }
  }

  /** Records a reversal of an original row: a copy that points at it, with the reason. */
  async reverse<K extends LedgerKind>(kind: K, fofId: string, id: string, recordedBy: string, reason: string): Promise<LedgerKinds[K] | null> {
    const meta = LEDGER_KIND_META[kind];
    const repo = this.em.getRepository(meta.entity);
    const original = await repo.findOneBy({ id, fofId });
    if (!original) return null;
    const { id: _id, recordedAt: _at, ...copy } = original;
    try {
      const saved = await repo.save(repo.create({ ...copy, recordedBy, reversesId: id, reason }));
      return saved as unknown as LedgerKinds[K];
    } catch (e) {
      throw translatePgError(e, `reversal of ${kind}`);
    }
  }

  async get<K extends LedgerKind>(kind: K, fofId: string, id: string): Promise<LedgerRowOut<K> | null> {
    const qb = this.baseQuery(kind, fofId, {}).andWhere('t.id = :id', { id });
    const rows = await this.withReversedBy(kind, qb);
    return rows[0] ?? null;
  }

  async list<K extends LedgerKind>(kind: K, fofId: string, filter: LedgerFilter, req: PageRequest): Promise<Page<LedgerRowOut<K>>> {
    const qb = this.baseQuery(kind, fofId, filter);
    const total = await qb.getCount();
    const items = await this.withReversedBy(kind, qb.skip((req.page - 1) * req.pageSize).take(req.pageSize), filter.knownAt);
    return { items, page: req.page, pageSize: req.pageSize, total };
  }

  /** Every row in force (not a reversal, not reversed) as known at an instant, dated up to asOf. */
  async active<K extends LedgerKind>(kind: K, fofId: string, asOf: BusinessDate | undefined, knownAt?: Date): Promise<Array<LedgerKinds[K]>> {
    // Rows as arrays, mapped by the entity's column metadata: a review reads tens of thousands of project
    // investments, and TypeORM's entity hydration cost more than the query; arrays also spare the
    // driver an object per row that would only be copied into the record.
    const meta = this.em.getRepository(LEDGER_KIND_META[kind].entity).metadata;
    const [text, values] = this.baseQuery(kind, fofId, { to: asOf, knownAt, activeOnly: true }).getQueryAndParameters();
    const res = await this.tx.withClient((client) => client.query<unknown[]>({ text, values, rowMode: 'array' }));
    const at = new Map(res.fields.map((f, i) => [f.name, i]));
    const columns = meta.columns.map((c) => {
      const i = at.get(`t_${c.databaseName}`);
      if (i === undefined) throw new Error(`ledger read of ${kind}: column ${c.databaseName} not selected`);
      return [c.propertyName, i] as const;
    });
    return res.rows.map((r) => {
      const o: Record<string, unknown> = {};
      for (const [prop, i] of columns) o[prop] = r[i];
      return o as unknown as LedgerKinds[K];
    });
  }

  private baseQuery(kind: LedgerKind, fofId: string, f: LedgerFilter): SelectQueryBuilder<ObjectLiteral> {
    const meta = LEDGER_KIND_META[kind];
    const qb = this.em
      .getRepository(meta.entity)
      .createQueryBuilder('t')
      .where('t.fof_id = :fofId', { fofId })
      .orderBy(`t.${meta.dateColumn}`, 'ASC')
      .addOrderBy('t.recorded_at', 'ASC')
      .addOrderBy('t.id', 'ASC');
    if (f.subFundId) qb.andWhere('t.sub_fund_id = :subFundId', { subFundId: f.subFundId });
    if (f.directInvestmentId) qb.andWhere('t.direct_investment_id = :directInvestmentId', { directInvestmentId: f.directInvestmentId });
    if (f.from) qb.andWhere(`t.${meta.dateColumn} >= :from`, { from: f.from });
    if (f.to) qb.andWhere(`t.${meta.dateColumn} <= :to`, { to: f.to });
    if (f.activeOnly) qb.andWhere(activeRowSql(meta.table, 't', f.knownAt ? ':knownAt' : null), f.knownAt ? { knownAt: f.knownAt } : {});
    else if (f.knownAt) qb.andWhere(knownAtSql('t.recorded_at', ':knownAt'), { knownAt: f.knownAt });
    return qb;
  }

  /** Each row with the reversal that cancels it, if one was recorded (by knownAt, when given). */
  private async withReversedBy<K extends LedgerKind>(kind: K, qb: SelectQueryBuilder<ObjectLiteral>, knownAt?: Date): Promise<Array<LedgerRowOut<K>>> {
    const rows = await qb.getMany();
    if (rows.length === 0) return [];
    const meta = LEDGER_KIND_META[kind];
    const reversals: Array<{ id: string; reverses_id: string }> = await this.em.query(
      `SELECT id, reverses_id FROM ${meta.table} WHERE reverses_id = ANY($1::uuid[])${knownAt ? ` AND ${knownAtSql('recorded_at', '$2')}` : ''}`,
      knownAt ? [rows.map((r) => r.id as string), knownAt] : [rows.map((r) => r.id as string)],
    );
    const by = new Map(reversals.map((r) => [r.reverses_id, r.id]));
    return rows.map((r) => ({ ...(r as LedgerKinds[K]), reversedBy: by.get(r.id as string) ?? null }));
  }
}
