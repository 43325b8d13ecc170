import type { ProjectionTarget } from './projection';
import type { ProjectedEvent } from './projected-event';
import { loadRows, upsertRows } from './upsert';

/** A table with one row per record, each row a fold of that record's events. */
export type RowProjection<Row extends Record<string, unknown>, P extends ProjectedEvent> = Readonly<{
  table: string;
  key: keyof Row & string;
  keyOf: (event: P) => string;
  /** The row after the event; undefined leaves it as it was (an event for a row never created). */
  evolve: (row: Row | undefined, event: P) => Row | undefined;
}>;

/**
 * Folds a batch onto the rows it touches, starting from what the table holds: one statement to read them,
 * one to write them back. Returns the rows as they are now.
 */
export async function projectRows<Row extends Record<string, unknown>, P extends ProjectedEvent>(
  projection: RowProjection<Row, P>,
  events: readonly P[],
  target: ProjectionTarget,
): Promise<Row[]> {
  if (events.length === 0) return [];
  const rows = await loadRows<Row>(target, projection.table, projection.key, [...new Set(events.map(projection.keyOf))]);
  for (const event of events) {
    const id = projection.keyOf(event);
    const next = projection.evolve(rows.get(id), event);
    if (next) rows.set(id, next);
  }
  const touched = [...rows.values()];
  await upsertRows(target, projection.table, [projection.key], touched);
  return touched;
}
