import { ValidationPipe, type Type } from '@nestjs/common';
import { validationError } from './errors.js';

export const VALIDATION_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
  exceptionFactory: validationError,
} as const;

/** A validation pipe for a body whose class TypeScript cannot name at the parameter (generic controllers). */
export const bodyOf = (expectedType: Type<unknown>) => new ValidationPipe({ ...VALIDATION_OPTIONS, expectedType });
