import { randomUUID } from 'node:crypto';
import type { Event } from '@ledgerline/domain';
import { PostgresEventStore, type GlobalPosition } from '@ledgerline/event-store';
import { readWholeLog } from '@ledgerline/event-store/testing/whole-log';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { createTestDatabase } from '@ledgerline/testing';
import { openReadModelDatabase } from '../read-model-database';
import type { Projection } from '../runner/projection';
import { ProjectionRunner, type RunnerOptions } from '../runner/projection-runner';

export type ProjectionHarness = Readonly<{
  /** The test database, for a second process's own connections. */
  databaseUrl: string;
  store: PostgresEventStore;
  dataSource: DataSource;
  /** Appends domain events to a stream, as the write side would have, with the given metadata. */
  given: (streamId: string, events: readonly Event[], metadata?: Record<string, unknown>) => Promise<void>;
  startRunner: (projection: Projection, options?: Partial<RunnerOptions>) => Promise<ProjectionRunner>;
  /** Waits until the runner has applied everything in $all; throws if it failed. */
  waitForCatchUp: (runner: ProjectionRunner) => Promise<ProjectionRunner>;
  /** Both of the above. */
  catchUp: (projection: Projection, options?: Partial<RunnerOptions>) => Promise<ProjectionRunner>;
  rows: <Row = Record<string, unknown>>(sql: string, parameters?: unknown[]) => Promise<Row[]>;
  close: () => Promise<void>;
}>;

/** A real PostgreSQL holding both the event store and the read models, as in the embedded default. */
export async function projectionHarness(): Promise<ProjectionHarness> {
  const database = await createTestDatabase();
  const pool = new Pool({ connectionString: database.url });
  const store = await PostgresEventStore.open(pool, { pollIntervalMs: 50 });
  const dataSource = await openReadModelDatabase(database.url);
  const runners: ProjectionRunner[] = [];

  const head = async (): Promise<GlobalPosition | undefined> => (await readWholeLog(store)).at(-1)?.position;

  const startRunner = async (projection: Projection, options: Partial<RunnerOptions> = {}) => {
    const runner = new ProjectionRunner(projection, store, dataSource, {
      batchSize: 100,
      standbyRetryMs: 50,
      rebuildCheckMs: 50,
      log: () => undefined,
      ...options,
    });
    runners.push(runner);
    await runner.start();
    return runner;
  };

  const waitForCatchUp = async (runner: ProjectionRunner) => {
    const target = await head();
    for (const deadline = Date.now() + 25_000; ;) {
      const { position, state, error } = runner.status();
      if (state === 'failed') throw new Error(`projection failed: ${error}`);
      if (target === undefined || (position !== undefined && position >= target)) return runner;
      if (Date.now() > deadline) throw new Error(`projection did not catch up: ${state} at ${position}, head ${target}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  return {
    databaseUrl: database.url,
    store,
    dataSource,
    given: async (streamId, events, metadata = {}) => {
      await store.append(
        streamId,
        events.map((event) => ({
          id: randomUUID(),
          type: event.type,
          schemaVersion: 1,
          data: event.data as Record<string, unknown>,
          metadata,
        })),
        'any',
      );
    },
    startRunner,
    waitForCatchUp,
    catchUp: async (projection, options) => waitForCatchUp(await startRunner(projection, options)),
    rows: (sql, parameters) => dataSource.query(sql, parameters),
    close: async () => {
      await Promise.all(runners.map((runner) => runner.stop()));
      await dataSource.destroy();
      await store.close();
      await pool.end();
      await database.drop();
    },
  };
}
