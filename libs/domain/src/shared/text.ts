import { InvalidInput } from './domain-error';

export class TextRequired extends InvalidInput {
  override readonly code = 'text-required';
  constructor(readonly field: string) {
    super(`${field} must not be empty.`, { field });
  }
}

export class TextTooLong extends InvalidInput {
  override readonly code = 'text-too-long';
  constructor(
    readonly field: string,
    readonly maxLength: number,
  ) {
    super(`${field} must be at most ${maxLength} characters long.`, { field, maxLength });
  }
}

/** Trimmed text of 1 to `maxLength` characters (counted as characters, not UTF-16 units, like PostgreSQL does). */
export const requiredText = (value: string, field: string, maxLength: number): string => {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed === '') throw new TextRequired(field);
  if ([...trimmed].length > maxLength) throw new TextTooLong(field, maxLength);
  return trimmed;
};

/**
 * Absent (undefined or null) becomes null; present text must be valid, so a blank string is refused
 * rather than silently read as "clear": null is the one way to clear.
 */
export const optionalText = (value: string | null | undefined, field: string, maxLength: number): string | null =>
  optional(value, (text) => requiredText(text, field, maxLength));

/** Applies a value object to an optional value: absent (undefined or null) becomes null. */
export const optional = <T>(value: T | null | undefined, valueObject: (present: T) => T): T | null =>
  value === undefined || value === null ? null : valueObject(value);
