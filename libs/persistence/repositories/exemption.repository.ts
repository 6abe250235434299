import type { TransactionContext } from '../transaction-context.js';
import { EvidenceFileEntity, ExemptionCaseEntity, ExemptionCaseEventEntity } from '../entities/index.js';
import type { ExemptionCase } from '../../domain/exemption/case.js';
import type { BusinessDate } from '../../domain/money/business-date.js';
import type { Page, PageRequest } from '../../domain/ledger/principal.js';
import { translatePgError } from '../pg-errors.js';

export interface StoredCase {
  case: ExemptionCase;
  seq: number;
}

/** Exemption cases: a header, then append-only events each holding the whole case as it stood. */
export class ExemptionRepository {
  constructor(private readonly tx: TransactionContext) {}

  private get em() {
    return this.tx.manager();
  }

  async create(c: ExemptionCase, by: string): Promise<void> {
    try {
      await this.em.getRepository(ExemptionCaseEntity).insert({
        id: c.id,
        fofId: c.fofId,
        caseNo: c.caseNo,
        subjectType: c.subject.type,
        subjectId: c.subject.id,
        trigger: c.trigger,
        caseDate: c.caseDate,
        createdBy: by,
      });
    } catch (e) {
      throw translatePgError(e, 'assessment for this subject and trigger');
    }
    await this.append(c, 1, 'CREATE', null, by);
  }

  async append(c: ExemptionCase, seq: number, action: string, comment: string | null, by: string): Promise<void> {
    try {
      await this.em.getRepository(ExemptionCaseEventEntity).insert({ caseId: c.id, seq, action, stateAfter: c.state, snapshot: c as unknown as object, comment, recordedBy: by });
    } catch (e) {
      throw translatePgError(e, 'case event');
    }
  }

  /** Takes the case for the rest of the transaction (the next event's seq is decided once). */
  async lock(fofId: string, caseId: string): Promise<boolean> {
    const rows: unknown[] = await this.em.query('SELECT 1 FROM exemption_cases WHERE id = $1 AND fof_id = $2 FOR UPDATE', [caseId, fofId]);
    return rows.length > 0;
  }

  async get(fofId: string, caseId: string): Promise<StoredCase | null> {
    const rows: Array<{ snapshot: ExemptionCase; seq: number }> = await this.em.query(
      `SELECT e.snapshot, e.seq FROM exemption_case_events e JOIN exemption_cases c ON c.id = e.case_id
        WHERE c.id = $1 AND c.fof_id = $2 ORDER BY e.seq DESC LIMIT 1`,
      [caseId, fofId],
    );
    return rows[0] ? { case: rows[0].snapshot, seq: rows[0].seq } : null;
  }

  async list(fofId: string, req: PageRequest): Promise<Page<ExemptionCase>> {
    const [{ n }] = (await this.em.query('SELECT count(*)::int AS n FROM exemption_cases WHERE fof_id = $1', [fofId])) as [{ n: number }];
    const rows: Array<{ snapshot: ExemptionCase }> = await this.em.query(
      `SELECT DISTINCT ON (c.case_no) e.snapshot FROM exemption_cases c JOIN exemption_case_events e ON e.case_id = c.id
        WHERE c.fof_id = $1 ORDER BY c.case_no, e.seq DESC OFFSET $2 LIMIT $3`,
      [fofId, (req.page - 1) * req.pageSize, req.pageSize],
    );
    return { items: rows.map((r) => r.snapshot), page: req.page, pageSize: req.pageSize, total: n };
  }

  /**
   * Every case of a FoF in its latest state (for the review and the loss events). `asOf` keeps the
   * cases dated on or before it (the case date is the case's business date, as a flow's date is);
   * `knownAt` shows each case as it stood at that instant, from the events recorded by then, and
   * leaves out a case not yet opened.
   */
  async all(fofId: string, at: { asOf?: BusinessDate; knownAt?: Date } = {}): Promise<ExemptionCase[]> {
    const rows: Array<{ snapshot: ExemptionCase }> = await this.em.query(
      `SELECT DISTINCT ON (c.id) e.snapshot FROM exemption_cases c JOIN exemption_case_events e ON e.case_id = c.id
        WHERE c.fof_id = $1 AND ($2::date IS NULL OR c.case_date <= $2::date) AND ($3::timestamptz IS NULL OR e.recorded_at <= $3::timestamptz)
        ORDER BY c.id, e.seq DESC`,
      [fofId, at.asOf ?? null, at.knownAt?.toISOString() ?? null],
    );
    return rows.map((r) => r.snapshot);
  }

  async countForFof(fofId: string): Promise<number> {
    const [{ n }] = (await this.em.query('SELECT count(*)::int AS n FROM exemption_cases WHERE fof_id = $1', [fofId])) as [{ n: number }];
    return n;
  }

  async addEvidenceFile(v: { caseId: string; sha256: string; size: number; mimeType: string; fileName: string; recordedBy: string }): Promise<string> {
    const repo = this.em.getRepository(EvidenceFileEntity);
    const saved = await repo.save(repo.create({ ...v, size: String(v.size) }));
    return saved.id;
  }

  async evidenceFile(caseId: string, id: string): Promise<{ sha256: string; mimeType: string; fileName: string; size: string } | null> {
    return this.em.getRepository(EvidenceFileEntity).findOneBy({ caseId, id });
  }
}
