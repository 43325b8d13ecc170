import type { ProjectionTarget } from '../runner/projection';

/** A daily fact table: its key columns and its additive measures, each with its number of decimal places (0: a count). */
export type FactTable = Readonly<{ table: string; keys: readonly string[]; measures: Readonly<Record<string, number>> }>;

/** A measure's value: a count, an exact decimal string, or already in units of the measure's last decimal place. */
export type MeasureValue = number | string | bigint;

/** Exact decimal → integer units of 10^-scale ("12.5" at scale 4 → 125000n); never through a binary float. */
export function toUnits(value: MeasureValue, scale: number): bigint {
  if (typeof value === 'bigint') return value;
  const [whole, fraction = ''] = String(value).split('.');
  const negative = whole.startsWith('-');
  const units = BigInt(`${whole.replace('-', '')}${fraction.padEnd(scale, '0').slice(0, scale)}`);
  return negative ? -units : units;
}

/** Integer units of 10^-scale → a decimal string (125000n at scale 4 → "12.5000"). */
export function fromUnits(units: bigint, scale: number): string {
  if (scale === 0) return units.toString();
  const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
  return `${units < 0n ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

type Row = { key: Readonly<Record<string, string>>; values: Map<string, bigint>; shrinks: boolean };

/**
 * The changes a batch makes to one daily fact table, summed per key in memory: a record's contribution is added with
 * sign +1 and retracted with -1, so corrections and moves between days net out before anything is written.
 */
export class FactDeltas {
  private readonly rows = new Map<string, Row>();

  constructor(private readonly spec: FactTable) {}

  add(key: Readonly<Record<string, string>>, measures: Readonly<Record<string, MeasureValue>>, sign: 1 | -1 = 1): void {
    const id = JSON.stringify(this.spec.keys.map((column) => key[column]));
    let row = this.rows.get(id);
    if (!row) this.rows.set(id, (row = { key, values: new Map(), shrinks: false }));
    for (const [measure, value] of Object.entries(measures)) {
      const delta = toUnits(value, this.spec.measures[measure]) * BigInt(sign);
      row.values.set(measure, (row.values.get(measure) ?? 0n) + delta);
      if (delta < 0n) row.shrinks = true;
    }
  }

  /**
   * One multi-row upsert that adds the deltas to the stored counters; then the rows a retraction may have brought
   * to all zeros are deleted, so a table holds the same rows however the events were batched (live or rebuilt).
   */
  async write(target: ProjectionTarget): Promise<void> {
    const measures = Object.keys(this.spec.measures);
    const changed = [...this.rows.values()].filter((row) => [...row.values.values()].some((value) => value !== 0n));
    if (changed.length === 0) return;
    const name = target.table(this.spec.table);
    const quote = (columns: readonly string[]) => columns.map((column) => `"${column}"`);
    const list = quote([...this.spec.keys, ...measures]).join(', ');
    const json = (rows: Row[]) =>
      JSON.stringify(
        rows.map((row) => ({
          ...row.key,
          ...Object.fromEntries(measures.map((m) => [m, fromUnits(row.values.get(m) ?? 0n, this.spec.measures[m])])),
        })),
      );
    await target.sql.query(
      `INSERT INTO ${name} AS t (${list})
       SELECT ${list} FROM jsonb_populate_recordset(NULL::${name}, $1::jsonb)
       ON CONFLICT (${quote(this.spec.keys).join(', ')})
       DO UPDATE SET ${quote(measures)
         .map((column) => `${column} = t.${column} + EXCLUDED.${column}`)
         .join(', ')}`,
      [json(changed)],
    );
    const shrunk = changed.filter((row) => row.shrinks);
    if (shrunk.length === 0) return;
    await target.sql.query(
      `DELETE FROM ${name} AS t USING jsonb_populate_recordset(NULL::${name}, $1::jsonb) AS k
       WHERE ${quote(this.spec.keys)
         .map((column) => `t.${column} = k.${column}`)
         .join(' AND ')}
         AND ${quote(measures)
           .map((column) => `t.${column} = 0`)
           .join(' AND ')}`,
      [json(shrunk)],
    );
  }
}

/** The UTC calendar date of an instant, YYYY-MM-DD. */
export const utcDay = (instant: string | Date): string => new Date(instant).toISOString().slice(0, 10);

/** Fact tables key "no owner" as '' (a primary key column cannot be null); the analytics views show it as null. */
export const ownerKey = (owner: string | null | undefined): string => owner ?? '';
