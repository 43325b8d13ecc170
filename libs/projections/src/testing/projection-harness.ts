import { randomUUID } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import { schemaVersionOf, type Event } from '@ledgerline/domain';
import { PostgresEventStore, type EventStore, type GlobalPosition } from '@ledgerline/event-store';
import {
  DATA_SUBJECT,
  Keyring,
  LocalMasterKey,
  PersonalDataSealer,
  PostgresSubjectKeyStore,
  ProtectedEventStore,
} from '@ledgerline/privacy';
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
  /** As the processes use it: personal fields sealed, revealed, erasable through `keyring`. */
  store: EventStore;
  keyring: Keyring;
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
  const keys = await PostgresSubjectKeyStore.open(pool);
  const keyring = new Keyring(keys, new LocalMasterKey(randomBytes(32)));
  const store = new ProtectedEventStore(await PostgresEventStore.open(pool, { pollIntervalMs: 50 }), new PersonalDataSealer(keyring));
  // Whose personal data a stream's events hold: a customer's id, found in the stream's first event that names one.
  const subjects = new Map<string, string>();
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
    keyring,
    dataSource,
    given: async (streamId, events, metadata = {}) => {
      const named = events.map((event) => (event.data as { customerId?: unknown }).customerId).find((id) => typeof id === 'string');
      if (!subjects.has(streamId) && typeof named === 'string') subjects.set(streamId, named);
      const subject = subjects.get(streamId);
      await store.append(
        streamId,
        events.map((event) => ({
          id: randomUUID(),
          type: event.type,
          schemaVersion: schemaVersionOf(event.type),
          data: event.data as Record<string, unknown>,
          metadata: subject === undefined ? metadata : { ...metadata, [DATA_SUBJECT]: subject },
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
      await keys.close();
      await pool.end();
      await database.drop();
    },
  };
}
