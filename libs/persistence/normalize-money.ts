import type { EntityMetadata, ObjectLiteral } from 'typeorm';
import { toYuan } from '../domain/money/money.js';

/**
 * TypeORM's save() hands back the values as sent ("5", "5.5"); the database holds "5.00", "5.50".
 * Formats the money columns (numeric, scale 2) the way a read returns them.
 */
export function normalizeMoney<T extends ObjectLiteral>(meta: EntityMetadata, row: T): T {
  const out: ObjectLiteral = { ...row };
  for (const c of meta.columns) {
    const v = out[c.propertyName];
    if (c.type === 'numeric' && c.scale === 2 && typeof v === 'string') out[c.propertyName] = toYuan(v);
  }
  return out as T;
}
