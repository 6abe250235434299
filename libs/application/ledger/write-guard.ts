import type { FofRecord } from '../../domain/ledger/records.js';
import type { BusinessDate } from '../../domain/money/business-date.js';

/**
 * Wraps every ledger write inside its transaction. Strict mode (StrictModeGuard) evaluates the FoF's
 * checks before and after the write and refuses it, rolling it back, when it turns a check to FAIL.
 */
export interface WriteGuard {
  guard<T>(fof: FofRecord, businessDate: BusinessDate, write: () => Promise<T>): Promise<T>;
}

export const NO_GUARD: WriteGuard = { guard: (_fof, _date, write) => write() };

/** The latest business date among a payload's values, or today when it has none. */
export function businessDateOf(payload: object, today: BusinessDate): BusinessDate {
  let latest = today;
  for (const v of Object.values(payload)) if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && v > latest) latest = v;
  return latest;
}
