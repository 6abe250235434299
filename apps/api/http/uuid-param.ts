import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '../../../libs/domain/errors/domain-error.js';

/** A path id that must be a UUID; a malformed one is a 400 naming the parameter. */
export const uuidParam = (name: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () => new DomainError('VALIDATION', `${name} must be a UUID`, [{ path: name, reason: `${name} must be a UUID` }]),
  });
