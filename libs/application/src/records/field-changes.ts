type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/**
 * One field of a record between two of its states. Paths are dotted for objects (`externalReferences.erp`) and
 * indexed for lists of objects (`purchases[2].reversedAt`); a list of plain values is compared as a set (tags).
 */
export type FieldChange = Readonly<{ field: string } & ({ from: Json; to: Json } | { added: readonly Json[]; removed: readonly Json[] })>;

const isObject = (value: unknown): value is { readonly [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isScalarList = (value: unknown): value is readonly Json[] =>
  Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object');

/** A value that is absent on one side is null there: a field that appears goes from null, one that goes away to null. */
const orNull = (value: Json | undefined): Json => value ?? null;

function compare(path: string, before: Json | undefined, after: Json | undefined, changes: FieldChange[]): void {
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      compare(path === '' ? key : `${path}.${key}`, before[key], after[key], changes);
    }
    return;
  }
  if (isScalarList(before) && isScalarList(after)) {
    const added = after.filter((item) => !before.includes(item));
    const removed = before.filter((item) => !after.includes(item));
    if (added.length > 0 || removed.length > 0) changes.push({ field: path, added, removed });
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let index = 0; index < Math.max(before.length, after.length); index++) {
      compare(`${path}[${index}]`, before[index] as Json | undefined, after[index] as Json | undefined, changes);
    }
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) changes.push({ field: path, from: orNull(before), to: orNull(after) });
}

/** The fields that differ between two states of a record, earlier fields first. */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const changes: FieldChange[] = [];
  compare('', before as Json, after as Json, changes);
  return changes;
}
