import type { EventStore, GlobalPosition, RecordedEvent } from '@ledgerline/event-store';
import type { DataSource, QueryRunner } from 'typeorm';
import { PROJECTIONS } from '../projections';
import { CUSTOMER_TABLES } from '../read-model-tables';
import { inTransaction } from '../runner/in-transaction';
import { quoteTable, type ProjectionTarget } from '../runner/projection';
import { projectedEvents } from '../runner/projected-event';
import { recomputeRfmScores } from '../segments/rfm-scores';
import { ANALYST_ROLE } from '../migrations/1732352400006-analytics-schema';
import type { SnapshotName } from './snapshot-name';

const BATCH = 2_000;

/** Every read-model table a snapshot holds: the projections' and the RFM scores (computed, not projected). */
const SNAPSHOT_TABLES: readonly string[] = [...new Set([...PROJECTIONS.flatMap((projection) => projection.tables), CUSTOMER_TABLES.rfm])];

export type SnapshotProgress = Readonly<{ read: number; applied: number; total: number | undefined }>;
export type BuiltSnapshot = Readonly<{ through: GlobalPosition | undefined; applied: number }>;

/** The schema already holds a snapshot (or anything else): a snapshot is never overwritten. */
export class SnapshotExists extends Error {
  constructor(readonly snapshot: string) {
    super(`A snapshot named ${JSON.stringify(snapshot)} exists already: drop it first, or choose another name.`);
    this.name = 'SnapshotExists';
  }
}

const unqualified = (table: string): string => table.slice(table.indexOf('.') + 1);
const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** Writes a projection's `crm.x` as the snapshot's `<data schema>.x`. */
const snapshotTarget = (sql: QueryRunner, { dataSchema }: SnapshotName): ProjectionTarget => ({
  sql,
  table: (table) => quoteTable(`${dataSchema}.${unqualified(table)}`),
});

async function createSchemas(sql: QueryRunner, snapshot: SnapshotName): Promise<void> {
  try {
    await sql.query(`CREATE SCHEMA ${ident(snapshot.schema)}`);
    await sql.query(`CREATE SCHEMA ${ident(snapshot.dataSchema)}`);
  } catch (error) {
    if ((error as { code?: string }).code === '42P06') throw new SnapshotExists(snapshot.name);
    throw error;
  }
  for (const table of SNAPSHOT_TABLES) {
    await sql.query(`CREATE TABLE ${ident(snapshot.dataSchema)}.${ident(unqualified(table))} (LIKE ${quoteTable(table)} INCLUDING ALL)`);
  }
}

/** The views of schema `analytics`, each made again over the snapshot's tables: analysts query a snapshot as they query now. */
async function createViews(sql: QueryRunner, snapshot: SnapshotName, asOf: Date, through: GlobalPosition | undefined): Promise<void> {
  const checkpoints = `${ident(snapshot.dataSchema)}.projection_checkpoints`;
  await sql.query(`CREATE TABLE ${checkpoints} (LIKE public.projection_checkpoints INCLUDING ALL)`);
  await sql.query(
    `INSERT INTO ${checkpoints} (name, version, position, state, updated_at) SELECT name, version, $1, 'snapshot', $2 FROM public.projection_checkpoints`,
    [through?.toString() ?? null, asOf.toISOString()],
  );
  // Rendered with crm and public on the search path, the definitions name the tables unqualified; created with the
  // snapshot's data schema first on it, they bind to the snapshot's tables (its checkpoints too).
  await sql.query(`SET LOCAL search_path = crm, public`);
  const views: { name: string; definition: string; comment: string | null; oid: number }[] = await sql.query(
    `SELECT c.relname AS name, pg_get_viewdef(c.oid) AS definition, obj_description(c.oid, 'pg_class') AS comment, c.oid::int AS oid
     FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace WHERE n.nspname = 'analytics' AND c.relkind = 'v' ORDER BY c.relname`,
  );
  await sql.query(`SET LOCAL search_path = ${ident(snapshot.dataSchema)}, public`);
  const schema = ident(snapshot.schema);
  await sql.query(
    `COMMENT ON SCHEMA ${schema} IS ${literal(`The analytics views as of ${asOf.toISOString()} (report snapshot ${snapshot.name})`)}`,
  );
  for (const view of views) {
    await sql.query(`CREATE VIEW ${schema}.${ident(view.name)} AS ${view.definition}`);
    if (view.comment) await sql.query(`COMMENT ON VIEW ${schema}.${ident(view.name)} IS ${literal(view.comment)}`);
    const columns: { name: string; comment: string }[] = await sql.query(
      `SELECT attname AS name, col_description($1, attnum) AS comment FROM pg_attribute WHERE attrelid = $1 AND attnum > 0 AND col_description($1, attnum) IS NOT NULL`,
      [view.oid],
    );
    for (const column of columns)
      await sql.query(`COMMENT ON COLUMN ${schema}.${ident(view.name)}.${ident(column.name)} IS ${literal(column.comment)}`);
  }
  await sql.query(`RESET search_path`);
  await sql.query(`
    DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ANALYST_ROLE}') THEN
        GRANT USAGE ON SCHEMA ${schema} TO ${ANALYST_ROLE};
        GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${ANALYST_ROLE};
      END IF;
    END $$`);
}

/**
 * Rebuilds every read model from the events recorded up to `asOf` into the snapshot's own schemas, the way a rebuild
 * replays the log (the projections write through their target's table names), then scores RFM at `asOf` and makes the
 * analytics views over it. The log is read once, a batch at a time; what was recorded after `asOf` is skipped.
 */
export async function buildSnapshot(
  snapshot: SnapshotName,
  asOf: Date,
  store: EventStore,
  dataSource: DataSource,
  onProgress: (progress: SnapshotProgress) => void,
): Promise<BuiltSnapshot> {
  await inTransaction(dataSource, (sql) => createSchemas(sql, snapshot));
  const progress = { read: 0, applied: 0, total: await store.countAll() };
  let after: GlobalPosition | undefined;
  let through: GlobalPosition | undefined;
  for (let batch = await store.readAll({ limit: BATCH }); batch.length > 0; batch = await store.readAll({ after, limit: BATCH })) {
    after = batch[batch.length - 1].position;
    const recorded = batch.filter((event: RecordedEvent) => event.recordedAt.getTime() <= asOf.getTime());
    if (recorded.length > 0) {
      await inTransaction(dataSource, async (sql) => {
        const target = snapshotTarget(sql, snapshot);
        for (const projection of PROJECTIONS) {
          const relevant = projectedEvents(projection, recorded);
          if (relevant.length > 0 && projection.tables.length > 0) await projection.handle(relevant, target);
        }
      });
      through = recorded[recorded.length - 1].position;
    }
    progress.read += batch.length;
    progress.applied += recorded.length;
    onProgress(progress);
  }
  await inTransaction(dataSource, async (sql) => {
    await recomputeRfmScores(sql, asOf, snapshotTarget(sql, snapshot).table);
    await createViews(sql, snapshot, asOf, through);
  });
  return { through, applied: progress.applied };
}

/** Drops a snapshot's schemas; false when there was none. */
export async function dropSnapshotSchemas(dataSource: DataSource, snapshot: SnapshotName): Promise<boolean> {
  const [{ existed }]: { existed: boolean }[] = await dataSource.query(
    `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS existed`,
    [snapshot.schema],
  );
  await dataSource.query(`DROP SCHEMA IF EXISTS ${ident(snapshot.schema)}, ${ident(snapshot.dataSchema)} CASCADE`);
  return existed;
}
