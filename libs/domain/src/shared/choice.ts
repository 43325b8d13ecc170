import { InvalidInput } from './domain-error';

export class InvalidChoice extends InvalidInput {
  override readonly code = 'invalid-choice';
  constructor(
    readonly field: string,
    value: unknown,
    readonly allowed: readonly string[],
  ) {
    super(`${field} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}.`, { field, allowed });
  }
}

/** Checks at run time what the type already says, for commands built from JSON. */
export const oneOf = <T extends string>(value: T, allowed: readonly T[], field: string): T => {
  if (!allowed.includes(value)) throw new InvalidChoice(field, value, allowed);
  return value;
};
