import type { ValidationError } from 'class-validator';
import { DomainError, type DomainErrorCode } from '../../../libs/domain/errors/domain-error.js';

/** The one map from domain error codes to HTTP statuses. */
export const HTTP_STATUS = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  POLICY_VIOLATION: 409,
  IDEMPOTENCY_MISMATCH: 422,
  RATE_LIMITED: 429,
} as const satisfies Record<DomainErrorCode, number>;

export interface FieldError {
  path: string;
  reason: string;
}

/** Flattens class-validator errors into field paths ("lpCommitments.1.amount") and reasons. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    for (const reason of Object.values(e.constraints ?? {})) {
      out.push({ path, reason: reason.replace(/^property (\S+) should not exist$/, 'unknown field $1 is not allowed') });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, path));
  }
  return out;
}

export function validationError(errors: ValidationError[]): DomainError {
  const fields = flattenValidationErrors(errors);
  return new DomainError('VALIDATION', `invalid request: ${fields.map((f) => `${f.path}: ${f.reason}`).join('; ')}`, fields);
}
