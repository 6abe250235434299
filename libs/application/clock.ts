import type { BusinessDate } from '../domain/money/business-date.js';

/** Today's business date (UTC), the default as-of date of reads and the date strict mode judges by. */
export const todayUtc = (): BusinessDate => new Date().toISOString().slice(0, 10);
