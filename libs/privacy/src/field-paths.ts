type Data = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A field the pattern names, and its value: `*` stands for each key of an object; absent fields are left out. */
export type FieldAt = Readonly<{ path: string; value: unknown }>;

/** The fields a pattern such as `changes.customFields.*.to` names in data. */
export function fieldsAt(data: Data, pattern: string): FieldAt[] {
  const found: FieldAt[] = [];
  const walk = (value: unknown, segments: readonly string[], path: readonly string[]): void => {
    if (segments.length === 0) {
      found.push({ path: path.join('.'), value });
      return;
    }
    if (!isObject(value)) return;
    const [segment, ...rest] = segments;
    for (const key of segment === '*' ? Object.keys(value) : [segment]) {
      if (Object.hasOwn(value, key)) walk(value[key], rest, [...path, key]);
    }
  };
  walk(data, pattern.split('.'), []);
  return found;
}

/** A copy of data with the field at each path (as fieldsAt names it) replaced; the original is left as it was. */
export function withFields(data: Data, replacements: ReadonlyMap<string, unknown>): Data {
  if (replacements.size === 0) return data;
  const copy = structuredClone(data) as Record<string, unknown>;
  for (const [path, value] of replacements) {
    const segments = path.split('.');
    let parent = copy;
    for (const segment of segments.slice(0, -1)) parent = parent[segment] as Record<string, unknown>;
    parent[segments[segments.length - 1]] = value;
  }
  return copy;
}
