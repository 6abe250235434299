import type { TransactionContext } from '../transaction-context.js';
import { PolicyPackRevisionEntity } from '../entities/index.js';
import { translatePgError } from '../pg-errors.js';
import { knownAtSql } from '../known-at.js';

export interface PackRevision {
  packId: string;
  jurisdiction: string;
  revision: number;
  document: unknown;
  changeNote: string;
  recordedAt: Date;
  recordedBy: string | null;
}

/** Policy pack revisions: append-only; the latest revision of a pack is the one in use. */
export class PolicyPackRepository {
  constructor(private readonly tx: TransactionContext) {}

  private get repo() {
    return this.tx.manager().getRepository(PolicyPackRevisionEntity);
  }

  async append(r: Omit<PackRevision, 'recordedAt'>): Promise<PackRevision> {
    try {
      return await this.repo.save(this.repo.create({ ...r, document: r.document as object }));
    } catch (e) {
      throw translatePgError(e, 'policy pack revision');
    }
  }

  /** The latest revision of every pack (as known at an instant, when given). */
  async latestAll(knownAt?: Date): Promise<PackRevision[]> {
    const qb = this.repo
      .createQueryBuilder('p')
      .distinctOn(['p.pack_id'])
      .orderBy('p.pack_id')
      .addOrderBy('p.revision', 'DESC');
    if (knownAt) qb.where(knownAtSql('p.recorded_at', ':knownAt'), { knownAt });
    return qb.getMany();
  }

  async latest(packId: string, knownAt?: Date): Promise<PackRevision | null> {
    const qb = this.repo.createQueryBuilder('p').where('p.pack_id = :packId', { packId }).orderBy('p.revision', 'DESC').limit(1);
    if (knownAt) qb.andWhere(knownAtSql('p.recorded_at', ':knownAt'), { knownAt });
    return qb.getOne();
  }

  async revision(packId: string, revision: number): Promise<PackRevision | null> {
    return this.repo.findOneBy({ packId, revision });
  }

  async revisions(packId: string): Promise<PackRevision[]> {
    return this.repo.find({ where: { packId }, order: { revision: 'ASC' } });
  }

  /** Serializes concurrent changes to one pack (a revision number is taken once). */
  async lockPack(packId: string): Promise<void> {
    await this.tx.manager().query('SELECT pg_advisory_xact_lock(hashtext($1))', [`policy-pack:${packId}`]);
  }
}
