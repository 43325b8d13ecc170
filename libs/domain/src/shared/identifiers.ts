import { InvalidInput } from './domain-error';

export class InvalidRecordId extends InvalidInput {
  override readonly code = 'invalid-id';
  constructor(
    readonly field: string,
    value: unknown,
  ) {
    super(`${field} must be a UUID in lower case, such as 0b7e6f2c-3c1d-4e8a-9f4b-2a6d5c1e7f90; got ${JSON.stringify(value)}.`, {
      field,
    });
  }
}

export class InvalidSlug extends InvalidInput {
  override readonly code = 'invalid-slug';
  constructor(
    readonly field: string,
    value: unknown,
  ) {
    super(
      `${field} must be 1 to ${MAX_SLUG_LENGTH} lower-case letters and digits, words joined by single hyphens ` +
        `(e.g. "lead-in"); got ${JSON.stringify(value)}.`,
      { field },
    );
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_SLUG_LENGTH = 64;

/**
 * Ids name streams (`customer-<id>`), so they are taken exactly as given: upper-case letters are refused
 * rather than lower-cased, which would make the event's id differ from its stream's.
 */
export const recordId = (value: string, field: string): string => {
  if (typeof value !== 'string' || !UUID.test(value)) throw new InvalidRecordId(field, value);
  return value;
};

/** A short, stable, machine-friendly name: a stage id, an external system. */
export const slug = (value: string, field: string): string => {
  if (typeof value !== 'string' || value.length > MAX_SLUG_LENGTH || !SLUG.test(value)) throw new InvalidSlug(field, value);
  return value;
};
