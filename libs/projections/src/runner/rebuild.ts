import type { EventStore, GlobalPosition } from '@ledgerline/event-store';
import type { DataSource, QueryRunner } from 'typeorm';
import { Checkpoints } from './checkpoints';
import { inTransaction } from './in-transaction';
import { quoteTable, type Projection, type ProjectionTarget } from './projection';
import { projectedEvents } from './projected-event';

export type RebuildProgress = Readonly<{ done: number; total: number | undefined; startedAt: Date }>;

const BATCH = 2_000;
const freshCopy = (table: string) => `${table}__rebuild`;
const freshTarget = (sql: QueryRunner): ProjectionTarget => ({ sql, table: (table) => quoteTable(freshCopy(table)) });

/**
 * Replays the whole log into fresh copies of the projection's tables while the live ones keep
 * answering, then swaps the content in one transaction with the checkpoint. Runs with the
 * projection's advisory lock held (by its runner or the CLI), so nothing else writes its tables.
 */
export async function rebuildProjection(
  projection: Projection,
  store: EventStore,
  dataSource: DataSource,
  onProgress: (progress: RebuildProgress) => void,
): Promise<GlobalPosition | undefined> {
  const progress = { done: 0, total: await store.countAll(), startedAt: new Date() };
  onProgress(progress);
  for (const table of projection.tables) {
    await dataSource.query(`DROP TABLE IF EXISTS ${quoteTable(freshCopy(table))}`);
    await dataSource.query(`CREATE TABLE ${quoteTable(freshCopy(table))} (LIKE ${quoteTable(table)} INCLUDING ALL)`);
  }
  let position: GlobalPosition | undefined;
  /** Applies the next batch of $all to the fresh copies; false once there is none. */
  const applyNext = async (sql: QueryRunner): Promise<boolean> => {
    const batch = await store.readAll({ after: position, limit: BATCH });
    if (batch.length === 0) return false;
    const relevant = projectedEvents(projection, batch);
    if (relevant.length > 0) await projection.handle(relevant, freshTarget(sql));
    position = batch[batch.length - 1].position;
    progress.done += batch.length;
    onProgress(progress);
    return true;
  };
  // The bulk of the log, one transaction per batch, without blocking anyone...
  while (await inTransaction(dataSource, applyNext));
  // ...then the tail and the swap, atomically: readers wait on the lock and see the new rows at once.
  await inTransaction(dataSource, async (sql) => {
    // A projection without tables (the Kafka relay) just replays: it has nothing to lock or swap.
    if (projection.tables.length > 0)
      await sql.query(`LOCK TABLE ${projection.tables.map(quoteTable).join(', ')} IN ACCESS EXCLUSIVE MODE`);
    while (await applyNext(sql));
    for (const table of projection.tables) {
      await sql.query(`TRUNCATE ${quoteTable(table)}`);
      await sql.query(`INSERT INTO ${quoteTable(table)} SELECT * FROM ${quoteTable(freshCopy(table))}`);
      await sql.query(`DROP TABLE ${quoteTable(freshCopy(table))}`);
    }
    await Checkpoints.reset(sql, projection.name, position, projection.version);
  });
  return position;
}
