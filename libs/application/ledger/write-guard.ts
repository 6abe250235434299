import type { FofRecord, LedgerKind } from '../../domain/ledger/records.js';

/**
 * Called inside the write's transaction after a ledger row is inserted. Strict mode (policy issue)
 * plugs in here: it re-evaluates the FoF's checks and throws to roll the write back.
 */
export interface WriteGuard {
  afterWrite(fof: FofRecord, change: { kind: LedgerKind | 'sub-fund' | 'direct-investment'; row: { id: string } }): Promise<void>;
}

export const NO_GUARD: WriteGuard = { afterWrite: async () => undefined };
