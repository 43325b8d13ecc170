import { applyDecorators } from '@nestjs/common';
import { currency } from '@ledgerline/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length, Matches, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * Field rules shared by the request bodies. They reject malformed input with a field-level
 * message before a command is built; the domain still checks every value it receives.
 */

/** Whether the domain's own value object takes the value: one rule, checked early for a field-level message. */
const accepts = (valueObject: (value: string) => unknown, value: unknown): boolean => {
  try {
    valueObject(value as string);
    return true;
  } catch {
    return false;
  }
};

/** Money travels as a decimal string: JSON numbers are binary floats and cannot hold 0.10 exactly. */
export const DecimalAmount = ({ optional = false } = {}) =>
  applyDecorators(
    (optional ? ApiPropertyOptional : ApiProperty)({
      type: String,
      example: '1250.50',
      description: 'Non-negative decimal as a string, up to 15 integer and 4 fraction digits',
    }),
    ...(optional ? [IsOptional()] : []),
    IsString({ message: '$property must be a decimal written as a string, e.g. "1250.50"' }),
    Matches(/^\d{1,15}(\.\d{1,4})?$/, {
      message: '$property must be a non-negative decimal with at most 4 fraction digits, e.g. "1250.50"',
    }),
  );

export const CurrencyCode = ({ optional = false } = {}) =>
  applyDecorators(
    (optional ? ApiPropertyOptional : ApiProperty)({ example: 'EUR', description: 'ISO 4217 code' }),
    ...(optional ? [IsOptional()] : []),
    ValidateBy(
      { name: 'currencyCode', validator: { validate: (value) => accepts(currency, value) } },
      { message: '$property must be an ISO 4217 currency code such as EUR' },
    ),
  );

export const Instant = (required: boolean, description: string) =>
  applyDecorators(
    required
      ? ApiProperty({ type: String, format: 'date-time', description })
      : ApiPropertyOptional({ type: String, format: 'date-time', description }),
    ...(required ? [] : [IsOptional()]),
    IsISO8601({ strict: true, strictSeparator: true }, { message: '$property must be an ISO 8601 date-time, e.g. 2026-11-23T10:15:00Z' }),
  );

/** A calendar date; null clears it where the field is optional. */
export const CalendarDate = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: String, format: 'date', example: '2026-12-31', nullable: true, description }),
    IsOptional(),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date written YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date' }),
  );

/** Text that must be present when the field is given: null is refused, unlike optional fields that null clears. */
export const TextIfPresent = (max: number, description: string) =>
  applyDecorators(
    ApiPropertyOptional({ maxLength: max, description }),
    ValidateIf((_, value) => value !== undefined),
    IsString(),
    Length(1, max),
  );

/** Optional text; null clears it (on updates). */
export const OptionalText = (max: number, description: string) =>
  applyDecorators(ApiPropertyOptional({ maxLength: max, nullable: true, description }), IsOptional(), IsString(), Length(1, max));

export const RequiredText = (max: number, description: string, example?: string) =>
  applyDecorators(ApiProperty({ maxLength: max, description, example }), IsString(), Length(1, max));

const isFlatScalarRecord = (value: unknown, allowNull: boolean): boolean =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.keys(value).length <= 100 &&
  Object.values(value).every(
    (item) =>
      (allowNull && item === null) ||
      typeof item === 'boolean' ||
      (typeof item === 'number' && Number.isFinite(item)) ||
      (typeof item === 'string' && item.length <= 1000),
  );

/** Custom fields: at most 100 keys, each a string (≤ 1000 chars), finite number or boolean (null removes on update). */
export const CustomFieldMap = (allowNull: boolean, options?: ValidationOptions) =>
  applyDecorators(
    ApiPropertyOptional({
      type: 'object',
      additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
      example: { vatId: 'DE123', seats: 40 },
    }),
    IsOptional(),
    ValidateBy(
      { name: 'customFieldMap', validator: { validate: (value) => isFlatScalarRecord(value, allowNull) } },
      {
        message: `$property must be an object of at most 100 fields, each a string, number or boolean${allowNull ? ' (or null to remove it)' : ''}`,
        ...options,
      },
    ),
  );
