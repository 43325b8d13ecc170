/** Copies the named fields only: what a contract publishes is listed, never inherited. */
export const pick = <T extends object, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> =>
  Object.fromEntries(keys.map((key) => [key, source[key]])) as Pick<T, K>;

/** The published subset of a change set; undefined when none of the published fields changed. */
export function publishedChanges<T extends object, K extends keyof T>(changes: T, keys: readonly K[]): Record<string, unknown> | undefined {
  const present = Object.entries(pick(changes, keys)).filter(([, change]) => change !== undefined);
  return present.length === 0 ? undefined : Object.fromEntries(present);
}
