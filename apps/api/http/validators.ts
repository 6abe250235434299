import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { isBusinessDate } from '../../../libs/domain/money/business-date.js';
import { isMoneyText, isRatioText } from '../../../libs/domain/money/money.js';

type Sign = 'positive' | 'nonNegative' | 'any';

/** Money as decimal text with at most two decimals ("12345.67"); JSON numbers, exponents and 3+ decimals are refused. */
export function IsMoney(sign: Sign = 'positive', options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isMoney',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate(v: unknown) {
          if (!isMoneyText(v)) return false;
          if (sign === 'positive') return !v.startsWith('-') && /[1-9]/.test(v);
          if (sign === 'nonNegative') return !v.startsWith('-');
          return true;
        },
        defaultMessage(a: ValidationArguments) {
          const what = sign === 'positive' ? 'a positive' : sign === 'nonNegative' ? 'a non-negative' : 'an';
          return `${a.property} must be ${what} amount in yuan as a decimal string with at most two decimals, e.g. "12345.67" (got ${JSON.stringify(a.value)})`;
        },
      },
    });
}

export function IsRatio(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isRatio',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (v: unknown) => isRatioText(v),
        defaultMessage: (a: ValidationArguments) => `${a.property} must be a ratio as a decimal string with at most six decimals, e.g. "0.500000"`,
      },
    });
}

/** A calendar date 'YYYY-MM-DD' that exists (2025-02-30 is refused). */
export function IsBusinessDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isBusinessDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (v: unknown) => isBusinessDate(v),
        defaultMessage: (a: ValidationArguments) => `${a.property} must be a calendar date YYYY-MM-DD (got ${JSON.stringify(a.value)})`,
      },
    });
}

/** An instant in ISO 8601 with a time zone, e.g. 2026-03-31T16:00:00Z. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (v: unknown) =>
          typeof v === 'string' &&
          /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) &&
          !Number.isNaN(Date.parse(v)),
        defaultMessage: (a: ValidationArguments) => `${a.property} must be an ISO 8601 instant with a time zone, e.g. 2026-03-31T16:00:00Z`,
      },
    });
}

/** A required, non-blank string of at most `max` characters. */
export function IsText(max = 200): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    IsString()(target, key);
    IsNotEmpty()(target, key);
    MaxLength(max)(target, key);
    Matches(/\S/, { message: `${String(key)} must not be blank` })(target, key);
  };
}

/** Fails when this field and `other` are both given ("give subFundId or directInvestmentId, not both"). */
export function NotWith(other: string): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'notWith',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (v: unknown, a: ValidationArguments) => v === undefined || (a.object as Record<string, unknown>)[other] === undefined,
        defaultMessage: (a: ValidationArguments) => `give ${a.property} or ${other}, not both`,
      },
    });
}

/** Fails when the field is given although `when(object)` says it must be absent. */
export function AbsentWhen(when: (o: Record<string, unknown>) => boolean, reason: string): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'absentWhen',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (v: unknown, a: ValidationArguments) => v === undefined || !when(a.object as Record<string, unknown>),
        defaultMessage: () => reason,
      },
    });
}

/** A business date strictly after the date in `other` (when both are valid dates). */
export function IsAfterField(other: string): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isAfterField',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (v: unknown, a: ValidationArguments) => {
          const o = (a.object as Record<string, unknown>)[other];
          return !isBusinessDate(v) || !isBusinessDate(o) || v > o;
        },
        defaultMessage: (a: ValidationArguments) => `${a.property} must be after ${other}`,
      },
    });
}
