import type { SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import type { Page, PageRequest } from '../../domain/ledger/principal.js';

export async function paginate<E extends ObjectLiteral, T>(
  qb: SelectQueryBuilder<E>,
  req: PageRequest,
  map: (e: E) => T,
): Promise<Page<T>> {
  const [rows, total] = await qb
    .skip((req.page - 1) * req.pageSize)
    .take(req.pageSize)
    .getManyAndCount();
  return { items: rows.map(map), page: req.page, pageSize: req.pageSize, total };
}
