/** Copies the named fields only: what a contract publishes is listed, never inherited. A loop: the relay runs it per event. */
export function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  const picked = {} as Pick<T, K>;
  for (const key of keys) picked[key] = source[key];
  return picked;
}

/** The published subset of a change set; undefined when none of the published fields changed. */
export function publishedChanges<T extends object, K extends keyof T>(changes: T, keys: readonly K[]): Record<string, unknown> | undefined {
  const present = Object.entries(pick(changes, keys)).filter(([, change]) => change !== undefined);
  return present.length === 0 ? undefined : Object.fromEntries(present);
}
