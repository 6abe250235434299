import crypto from 'node:crypto';
import type { Principal } from '../domain/ledger/principal.js';
import type { AuditRepository } from '../persistence/repositories/audit.repository.js';

/** Canonical JSON (sorted keys) so the same payload always has the same digest. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

export const digest = (payload: unknown) => crypto.createHash('sha256').update(canonicalJson(payload)).digest('hex');

/** Every mutation writes one audit row in the same transaction: who, when, what, and a digest of the payload. */
export class AuditService {
  constructor(private readonly repo: AuditRepository) {}

  record(p: Principal | null, action: string, entity: string, entityId: string | null, fofId: string | null, payload: unknown): Promise<void> {
    return this.repo.append({
      userId: p?.userId ?? null,
      organizationId: p?.organizationId ?? null,
      fofId,
      action,
      entity,
      entityId,
      payloadDigest: digest(payload),
    });
  }
}
