import { DomainError } from '../domain/errors/domain-error.js';

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
  message?: string;
  table?: string;
}

function pgErrorOf(e: unknown): PgError | null {
  if (typeof e !== 'object' || e === null) return null;
  const inner = (e as { driverError?: unknown }).driverError ?? e;
  const code = (inner as PgError).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? (inner as PgError) : null;
}

/** Translates PostgreSQL errors the domain can name (duplicates, append-only refusals) into DomainErrors. */
export function translatePgError(e: unknown, what = 'record'): unknown {
  const pe = pgErrorOf(e);
  if (!pe) return e;
  switch (pe.code) {
    case '23505':
      return new DomainError('CONFLICT', `a ${what} with the same key already exists`, { constraint: pe.constraint, detail: pe.detail });
    case 'P0001':
      return new DomainError('CONFLICT', pe.message ?? 'refused by the database', { table: pe.table });
    case '23514':
      // The trigger's own message when it raised one; a CHECK constraint's raw message names tables, so say it plainly.
      return pe.constraint
        ? new DomainError('VALIDATION', `the request breaks the ledger rule ${pe.constraint}`, [{ path: pe.constraint, reason: 'breaks a ledger rule' }])
        : new DomainError('VALIDATION', pe.message ?? 'the request breaks a ledger rule', [{ path: '', reason: pe.message ?? 'breaks a ledger rule' }]);
    case '23503':
      return new DomainError('NOT_FOUND', `a referenced record does not exist`, { constraint: pe.constraint });
    default:
      return e;
  }
}
