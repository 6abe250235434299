import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '../../domain/errors/domain-error.js';
import type { Principal } from '../../domain/ledger/principal.js';
import type { FofRecord } from '../../domain/ledger/records.js';
import type { BusinessDate } from '../../domain/money/business-date.js';
import type { ExemptionData } from '../../domain/policy/policy-pack.js';
import type { Actor, ExemptionAction, ExemptionCase, ExemptionSubjectType, ExemptionTrigger, EvidenceRef } from '../../domain/exemption/case.js';
import { act, editCase, openCase, type CaseEdit } from '../../domain/exemption/case-actions.js';
import { checkUpload } from '../../domain/exemption/evidence.js';
import type { TransitionOptions } from '../../domain/exemption/workflow.js';
import type { ExemptionReportModel } from '../../domain/exemption/report-model.js';
import type { Page, PageRequest } from '../../domain/ledger/principal.js';
import type { ExemptionRow } from '../../domain/review/review-model.js';
import type { ExemptionRepository } from '../../persistence/repositories/exemption.repository.js';
import type { TransactionContext } from '../../persistence/transaction-context.js';
import type { AuditService } from '../audit.service.js';
import type { FofAccess } from '../fof-access.js';
import type { PolicyService } from '../policy/policy.service.js';
import type { PolicyPackService } from '../policy/policy-pack.service.js';
import { resolveParameters } from '../../domain/policy/policy-pack.js';
import type { LedgerReader } from '../review/ledger-reader.js';
import { reviewPositions } from '../review/position.service.js';
import { subjectFacts } from './exemption-facts.js';

export interface LossEvent {
  subjectType: ExemptionSubjectType;
  subjectId: string;
  label: string;
  trigger: ExemptionTrigger;
  loss: string;
  lossRatio: string | null;
  caseId: string | null;
  caseState: string | null;
}

const LOSS_RULES = ['loss-tolerance-seed-fund', 'loss-tolerance-angel-fund', 'loss-tolerance-direct-project'];
const actorOf = (p: Principal): Actor => ({ id: p.userId, name: p.username, role: p.role });

/**
 * 尽职免责 assessments: from the loss events a review shows, to a case with facts from the ledger, the
 * pack's checklist, negative list and objective causes, evidence files, the computed conclusion, the
 * workflow and the report. Every step is an appended event and an audit row.
 */
export class ExemptionService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly access: FofAccess,
    private readonly reader: LedgerReader,
    private readonly policy: PolicyService,
    private readonly packs: PolicyPackService,
    private readonly repo: ExemptionRepository,
    private readonly audit: AuditService,
    private readonly storageDir: string,
  ) {}

  /** Every subject that needs an assessment as of a date, with its case if one is open. */
  async lossEvents(p: Principal, fofId: string, asOf: BusinessDate): Promise<LossEvent[]> {
    const fof = await this.access.readable(p, fofId);
    const ledger = await this.reader.read(fof, asOf);
    const { checks } = await this.policy.evaluate(ledger, asOf);
    const cases = await this.repo.all(fofId);
    const caseOf = (type: string, id: string, trigger: string) => cases.find((c) => c.subject.type === type && c.subject.id === id && c.trigger === trigger) ?? null;
    const events: LossEvent[] = [];
    const push = (subjectType: ExemptionSubjectType, subjectId: string, label: string, trigger: ExemptionTrigger, loss: string, lossRatio: string | null) => {
      const c = caseOf(subjectType, subjectId, trigger);
      events.push({ subjectType, subjectId, label, trigger, loss, lossRatio, caseId: c?.id ?? null, caseState: c?.state ?? null });
    };
    const positions = reviewPositions(ledger, asOf);
    for (const c of checks) {
      if (!LOSS_RULES.includes(c.ruleId) || c.status !== 'FAIL') continue;
      const type = c.subject.type as ExemptionSubjectType;
      if (type !== 'SUB_FUND' && type !== 'DIRECT_INVESTMENT' && type !== 'PROJECT_INVESTMENT') continue;
      const f = subjectFacts(ledger, asOf, null, null, type, c.subject.id, positions).facts;
      push(type, c.subject.id, c.subject.label, 'LOSS_TOLERANCE_FAIL', f.loss, f.lossRatio);
    }
    for (const x of positions) {
      const loss = x.data.paidIn.minus(x.data.distributed).minus(x.data.nav);
      const ratio = x.data.paidIn.isZero() ? null : loss.div(x.data.paidIn).toFixed(6);
      if (x.kind === 'DIRECT' && x.status === 'WRITTEN_OFF') push('DIRECT_INVESTMENT', x.id, `${x.code} ${x.name}`, 'WRITTEN_OFF', loss.toFixed(2), ratio);
      if (x.kind === 'SUB_FUND' && x.status === 'LIQUIDATED' && loss.gt(0)) push('SUB_FUND', x.id, `${x.code} ${x.name}`, 'LIQUIDATED_AT_LOSS', loss.toFixed(2), ratio);
    }
    return events;
  }

  /** The pack in force for the case date and its exemption lists; no ledger read is needed for that. */
  private async packItems(fof: FofRecord, date: BusinessDate) {
    const pack = await this.packs.forJurisdiction(fof.jurisdiction, date);
    const params = pack ? resolveParameters(pack.pack, date) : null;
    if (!pack?.pack.exemption) throw new DomainError('NOT_FOUND', `no policy pack with an exemption checklist for ${fof.jurisdiction} on ${date}`);
    return { pack, params, items: pack.pack.exemption as ExemptionData };
  }

  /** Opens a case for one subject with one call: facts from the ledger as of the case date, the pack's lists unanswered. */
  async open(p: Principal, fofId: string, v: { subjectType: ExemptionSubjectType; subjectId: string; trigger: ExemptionTrigger; caseDate: BusinessDate }): Promise<ExemptionCase> {
    return this.tx.run(async () => {
      const fof = await this.access.writable(p, fofId);
      const ledger = await this.reader.read(fof, v.caseDate);
      const { pack, params, items } = await this.packItems(fof, v.caseDate);
      const { subject, facts } = subjectFacts(ledger, v.caseDate, params, { id: pack.pack.id, revision: pack.revision }, v.subjectType, v.subjectId);
      const caseNo = `${fof.code}-MJ-${v.caseDate.slice(0, 4)}-${String((await this.repo.countForFof(fofId)) + 1).padStart(3, '0')}`;
      const c = openCase({ id: crypto.randomUUID(), caseNo, fofId, subject, trigger: v.trigger, caseDate: v.caseDate, facts }, items, actorOf(p), new Date().toISOString());
      await this.repo.create(c, p.userId);
      await this.audit.record(p, 'CREATE', 'exemption-case', c.id, fofId, v);
      return c;
    });
  }

  async get(p: Principal, fofId: string, caseId: string): Promise<ExemptionCase> {
    await this.access.readable(p, fofId);
    const s = await this.repo.get(fofId, caseId);
    if (!s) throw new DomainError('NOT_FOUND', `assessment ${caseId} not found`);
    return s.case;
  }

  async list(p: Principal, fofId: string, req: PageRequest): Promise<Page<ExemptionCase>> {
    await this.access.readable(p, fofId);
    return this.repo.list(fofId, req);
  }

  /** Runs one change of a case under its lock and appends the resulting event. */
  private change(p: Principal, fofId: string, caseId: string, action: string, comment: string | null, fn: (c: ExemptionCase, items: ExemptionData, fof: FofRecord) => Promise<ExemptionCase> | ExemptionCase) {
    return this.tx.run(async () => {
      const fof = await this.access.readable(p, fofId);
      if (!(await this.repo.lock(fofId, caseId))) throw new DomainError('NOT_FOUND', `assessment ${caseId} not found`);
      const current = (await this.repo.get(fofId, caseId))!;
      const { items } = await this.packItems(fof, current.case.caseDate);
      const next = await fn(current.case, items, fof);
      await this.repo.append(next, current.seq + 1, action, comment, p.userId);
      await this.audit.record(p, action, 'exemption-case', caseId, fofId, { action, comment, state: next.state });
      return next;
    });
  }

  answer(
    p: Principal,
    fofId: string,
    caseId: string,
    edit: {
      checklist?: Array<{ code: string; performed: boolean | null; note: string }>;
      negativeList?: Array<{ code: string; present: boolean | null; note: string }>;
      objectiveCauses?: Array<{ code: string; present: boolean | null; note: string }>;
    },
    comment: string | null,
  ) {
    return this.change(p, fofId, caseId, 'EDIT', comment, (c, items) => {
      // Answers come by code; evidence already attached stays with its item.
      const merged: CaseEdit = {};
      if (edit.checklist) {
        merged.checklist = c.checklist.map((a) => {
          const n = edit.checklist!.find((x) => x.code === a.code);
          return n ? { ...a, performed: n.performed, note: n.note } : a;
        });
      }
      const pick = (x: { code: string; present: boolean | null; note: string } | undefined) => (x ? { code: x.code, present: x.present, note: x.note } : undefined);
      if (edit.negativeList) merged.negativeList = c.negativeList.map((a) => pick(edit.negativeList!.find((x) => x.code === a.code)) ?? a);
      if (edit.objectiveCauses) merged.objectiveCauses = c.objectiveCauses.map((a) => pick(edit.objectiveCauses!.find((x) => x.code === a.code)) ?? a);
      for (const list of ['checklist', 'negativeList', 'objectiveCauses'] as const) {
        for (const x of edit[list] ?? []) {
          if (!c[list].some((a) => a.code === x.code)) throw new DomainError('VALIDATION', `${list}: unknown item ${x.code}`, [{ path: `${list}.${x.code}`, reason: 'not an item of the policy pack' }]);
        }
      }
      return editCase(c, merged, items, actorOf(p), new Date().toISOString(), comment);
    });
  }

  /** Stores an evidence file under its SHA-256 and lists it under a checklist item. */
  async addEvidence(
    p: Principal,
    fofId: string,
    caseId: string,
    meta: { checklistCode: string; title: string; documentNo: string; date: BusinessDate },
    file: { originalname: string; mimetype: string; size: number; buffer: Buffer } | undefined,
  ) {
    if (!file) throw new DomainError('VALIDATION', 'a file is required', [{ path: 'file', reason: 'a file is required' }]);
    const accepted = checkUpload({ fileName: file.originalname, mimeType: file.mimetype, size: file.size, firstBytes: file.buffer.subarray(0, 16) });
    const sha256 = crypto.createHash('sha256').update(file.buffer).digest('hex');
    return this.change(p, fofId, caseId, 'EDIT', `evidence: ${meta.title}`, async (c, items) => {
      if (!c.checklist.some((a) => a.code === meta.checklistCode)) {
        throw new DomainError('VALIDATION', `unknown checklist item ${meta.checklistCode}`, [{ path: 'checklistCode', reason: 'not an item of the checklist' }]);
      }
      // Content-addressed: the same bytes are stored once, and a stored file is never replaced.
      const target = path.join(this.storageDir, sha256.slice(0, 2), sha256);
      if (!fs.existsSync(target)) {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(`${target}.part`, file.buffer);
        fs.renameSync(`${target}.part`, target);
      }
      const id = await this.repo.addEvidenceFile({ caseId, sha256, size: accepted.size, mimeType: accepted.mimeType, fileName: accepted.fileName, recordedBy: p.userId });
      const ref: EvidenceRef = { id, title: meta.title, documentNo: meta.documentNo, date: meta.date, fileName: accepted.fileName, sha256, size: accepted.size, mimeType: accepted.mimeType };
      const checklist = c.checklist.map((a) => (a.code === meta.checklistCode ? { ...a, evidence: [...a.evidence, ref] } : a));
      return editCase(c, { checklist }, items, actorOf(p), new Date().toISOString(), `evidence: ${meta.title}`);
    });
  }

  async evidenceFile(p: Principal, fofId: string, caseId: string, evidenceId: string) {
    await this.get(p, fofId, caseId);
    const f = await this.repo.evidenceFile(caseId, evidenceId);
    if (!f) throw new DomainError('NOT_FOUND', `evidence ${evidenceId} not found`);
    return { ...f, path: path.join(this.storageDir, f.sha256.slice(0, 2), f.sha256) };
  }

  transition(p: Principal, fofId: string, caseId: string, action: ExemptionAction, opts: TransitionOptions) {
    return this.change(p, fofId, caseId, action, opts.comment ?? null, (c, items) => act(c, action, actorOf(p), opts, items, new Date().toISOString()));
  }

  async reportModel(p: Principal, fofId: string, caseId: string): Promise<ExemptionReportModel> {
    const fof = await this.access.readable(p, fofId);
    const c = await this.get(p, fofId, caseId);
    const { pack, items } = await this.packItems(fof, c.caseDate);
    const clauses = [
      { clause: c.facts.clause ?? '§二(一)5', text: { zh: '种子基金、天使基金及种子期、初创期直投项目的亏损容忍度，全生命周期考核，尽职免责', en: 'Loss tolerance of seed and angel funds and of seed- and start-up-stage direct projects, judged over the whole lifecycle; no liability when duties were performed' }, ruleId: c.facts.ruleId },
      ...(c.facts.toleranceSource === 'INHERITED_FROM_SOURCE_FUND'
        ? [{ clause: '§二(一)4', text: { zh: '承接投资适用种子基金、天使基金容错免责政策', en: 'A hand-off keeps the fault-tolerance and exemption policy of the seed or angel fund it came from' } }]
        : []),
    ];
    return {
      case: c,
      fof: { code: fof.code, name: fof.name, jurisdiction: fof.jurisdiction },
      policyPack: { id: pack.pack.id, instrument: pack.pack.instrument, title: pack.pack.title, revision: c.facts.packRevision },
      items,
      clauses,
      generatedAt: new Date().toISOString(),
      generatedBy: p.username,
    };
  }

  /** The FoF's cases dated by `asOf`, each as it stood at `knownAt` (see ExemptionRepository.all). */
  cases(fofId: string, at: { asOf: BusinessDate; knownAt?: Date }): Promise<ExemptionCase[]> {
    return this.repo.all(fofId, at);
  }

  /** The review's exemption rows: each case with its loss against the tolerance, exempt or not. */
  static reviewRows(cases: readonly ExemptionCase[]): ExemptionRow[] {
    return cases.map((c) => ({
      caseId: c.id,
      subjectType: c.subject.type,
      subjectId: c.subject.id,
      subjectLabel: c.subject.label,
      loss: c.facts.loss,
      lossRatio: c.facts.lossRatio,
      tolerance: c.facts.tolerance,
      status: c.state,
      conclusion: c.decision?.conclusion ?? c.computed.conclusion,
      decidedOn: c.decision?.decidedAt.slice(0, 10) ?? null,
    }));
  }
}
