import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '../../domain/errors/domain-error.js';
import type { Principal } from '../../domain/ledger/principal.js';
import type { BusinessDate } from '../../domain/money/business-date.js';
import { packInForce, type ParameterVersion, type PolicyPack } from '../../domain/policy/policy-pack.js';
import { validatePack } from '../../domain/policy/validate-pack.js';
import type { PolicyPackRepository } from '../../persistence/repositories/policy-pack.repository.js';
import type { TransactionContext } from '../../persistence/transaction-context.js';
import type { AuditService } from '../audit.service.js';

export interface LoadedPack {
  pack: PolicyPack;
  revision: number;
  recordedAt: Date;
}

/**
 * Policy packs as data: the packs shipped in policy-packs/*.json are loaded into the database at start;
 * an ADMIN adds a pack, or a dated version of a parameter, with no code change. Each change is a new
 * revision of the whole validated document; nothing is overwritten.
 */
export class PolicyPackService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly repo: PolicyPackRepository,
    private readonly audit: AuditService,
  ) {}

  /** Loads shipped packs whose id is not in the database yet. Returns the ids loaded. */
  async loadShipped(dir: string): Promise<string[]> {
    const loaded: string[] = [];
    if (!fs.existsSync(dir)) return loaded;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const pack = validatePack(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
      await this.tx.run(async () => {
        await this.repo.lockPack(pack.id);
        if (await this.repo.latest(pack.id)) return;
        await this.repo.append({ packId: pack.id, jurisdiction: pack.jurisdiction, revision: 1, document: pack, changeNote: `shipped with the product (${file})`, recordedBy: null });
        loaded.push(pack.id);
      });
    }
    return loaded;
  }

  async list(knownAt?: Date): Promise<LoadedPack[]> {
    return (await this.repo.latestAll(knownAt)).map((r) => ({ pack: r.document as PolicyPack, revision: r.revision, recordedAt: r.recordedAt }));
  }

  async get(packId: string, revision?: number): Promise<LoadedPack> {
    const r = revision === undefined ? await this.repo.latest(packId) : await this.repo.revision(packId, revision);
    if (!r) throw new DomainError('NOT_FOUND', `policy pack ${packId}${revision === undefined ? '' : ` revision ${revision}`} not found`);
    return { pack: r.document as PolicyPack, revision: r.revision, recordedAt: r.recordedAt };
  }

  async history(packId: string) {
    const rows = await this.repo.revisions(packId);
    if (rows.length === 0) throw new DomainError('NOT_FOUND', `policy pack ${packId} not found`);
    return rows.map((r) => ({ revision: r.revision, changeNote: r.changeNote, recordedAt: r.recordedAt, recordedBy: r.recordedBy }));
  }

  /**
   * The pack of a jurisdiction to judge a date by: the latest revision (as known at an instant) of the
   * pack in force on that date; when none is in force, the most recent one that started before it.
   */
  async forJurisdiction(jurisdiction: string, date: BusinessDate, knownAt?: Date): Promise<LoadedPack | null> {
    const packs = (await this.list(knownAt)).filter((p) => p.pack.jurisdiction === jurisdiction);
    const inForce = packs.filter((p) => packInForce(p.pack, date)).sort((a, b) => (a.pack.effectiveFrom < b.pack.effectiveFrom ? 1 : -1));
    if (inForce[0]) return inForce[0];
    const before = packs.filter((p) => p.pack.effectiveFrom <= date).sort((a, b) => (a.pack.effectiveFrom < b.pack.effectiveFrom ? 1 : -1));
    return before[0] ?? null;
  }

  async create(p: Principal, json: unknown, changeNote: string): Promise<LoadedPack> {
    const pack = validatePack(json);
    return this.tx.run(async () => {
      await this.repo.lockPack(pack.id);
      if (await this.repo.latest(pack.id)) throw new DomainError('CONFLICT', `policy pack ${pack.id} exists; add a parameter version instead`);
      const r = await this.repo.append({ packId: pack.id, jurisdiction: pack.jurisdiction, revision: 1, document: pack, changeNote, recordedBy: p.userId });
      await this.audit.record(p, 'CREATE', 'policy-pack', pack.id, null, pack);
      return { pack, revision: r.revision, recordedAt: r.recordedAt };
    });
  }

  /** Adds a dated version of one parameter (a new revision of the pack). */
  async addParameterVersion(p: Principal, packId: string, key: string, version: ParameterVersion, changeNote: string): Promise<LoadedPack> {
    return this.tx.run(async () => {
      await this.repo.lockPack(packId);
      const current = await this.get(packId);
      const def = current.pack.parameters[key];
      if (!def) throw new DomainError('NOT_FOUND', `parameter ${key} is not in pack ${packId}`);
      const versions = [...def.versions, version].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
      const next = validatePack({ ...current.pack, parameters: { ...current.pack.parameters, [key]: { ...def, versions } } });
      const r = await this.repo.append({ packId, jurisdiction: next.jurisdiction, revision: current.revision + 1, document: next, changeNote, recordedBy: p.userId });
      await this.audit.record(p, 'ADD_PARAMETER_VERSION', 'policy-pack', packId, null, { key, version, changeNote });
      return { pack: next, revision: r.revision, recordedAt: r.recordedAt };
    });
  }
}
