/** What a field was and what it became: events that change a record say both. */
export type Change<T> = Readonly<{ from: T; to: T }>;

/** Only the fields that changed, each with its old and new value. */
export type Changes<T> = { readonly [K in keyof T]?: Change<T[K]> };

/**
 * Compares requested values with the current ones and keeps the fields that really change.
 * `undefined` means "not mentioned"; the values are compared with ===, so they must be scalars or null.
 */
export const changesBetween = <T extends object>(current: T, requested: Partial<T>): Changes<T> => {
  const changes: { [K in keyof T]?: Change<T[K]> } = {};
  for (const key of Object.keys(requested) as (keyof T)[]) {
    const to = requested[key];
    if (to !== undefined && to !== current[key]) changes[key] = { from: current[key], to };
  }
  return changes;
};

export const applyChanges = <T extends object>(current: T, changes: Changes<T>): T => {
  const next = { ...current };
  for (const key of Object.keys(changes) as (keyof T)[]) next[key] = (changes[key] as Change<T[keyof T]>).to;
  return next;
};

export const hasChanges = (changes: object): boolean => Object.keys(changes).length > 0;

/** For "change what is mentioned" commands: undefined is "not mentioned", null is "clear", the rest is checked. */
export const patchOptional = <T>(value: T | null | undefined, valueObject: (present: T) => T): T | null | undefined =>
  value === undefined || value === null ? value : valueObject(value);

/** The same for a field that cannot be cleared: a null reaches the value object, which refuses it. */
export const patchRequired = <T>(value: T | undefined, valueObject: (present: T) => T): T | undefined =>
  value === undefined ? undefined : valueObject(value);
