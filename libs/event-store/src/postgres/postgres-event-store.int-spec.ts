import { Pool } from 'pg';
import { createTestDatabase } from '@ledgerline/testing';
import { eventHash, GENESIS_HASH, linkHash } from '../hash-chain';
import { eventStoreContract } from '../testing/event-store.contract';
import { newEvents, newStreamId, recordingSubscription, until } from '../testing/contract-helpers';
import type { RecordedEvent } from '../event-store.port';
import { PostgresEventStore } from './postgres-event-store';
import { setupEventStoreSchema } from './schema';

eventStoreContract('PostgreSQL', async () => {
  const database = await createTestDatabase();
  return { store: await PostgresEventStore.open(database.url), teardown: database.drop };
});

describe('PostgreSQL event store', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url });
  });

  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('sets its schema up idempotently, also concurrently, in a schema of its choice', async () => {
    await Promise.all([setupEventStoreSchema(pool, 'crm'), setupEventStoreSchema(pool, 'crm')]);
    await setupEventStoreSchema(pool, 'crm');
    const store = new PostgresEventStore(pool, { schema: 'crm' });
    await store.append('customer-1', newEvents(1), 'no-stream');
    const { rows } = await pool.query<{ count: string }>('SELECT count(*) FROM crm.events');
    expect(rows[0].count).toBe('1');
    await store.close();
    expect(await store.ping()).toBe(true); // the pool was passed in: close() left it open
  });

  it('hashes the events of a table made before the hash chain when it sets up, chaining on across pages and appends', async () => {
    await pool.query('CREATE SCHEMA legacy');
    await pool.query(`
      CREATE TABLE legacy.events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream_id text NOT NULL, stream_revision bigint NOT NULL,
        event_id uuid NOT NULL UNIQUE, type text NOT NULL, schema_version integer NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(), transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        CONSTRAINT events_stream_revision UNIQUE (stream_id, stream_revision))`);
    // One stream longer than a backfill page, and two short ones before and after it.
    for (const [stream, count] of [
      ['a-short', 3],
      ['b-long', 1_500],
      ['c-short', 2],
    ] as const) {
      await pool.query(
        `INSERT INTO legacy.events (stream_id, stream_revision, event_id, type, schema_version, data, metadata)
         SELECT $1, n, gen_random_uuid(), 'Legacy', 1, jsonb_build_object('n', n, 'name', 'Zoë', 'price', 1.50, 'big', 9007199254740993),
                '{"actor":"import"}' FROM generate_series(0, $2 - 1) AS n`,
        [stream, count],
      );
    }
    await setupEventStoreSchema(pool, 'legacy');
    const store = new PostgresEventStore(pool, { schema: 'legacy' });
    await store.append('b-long', newEvents(2), 'any');
    const streams = await store.readStreams(['a-short', 'b-long', 'c-short']);
    expect([...streams.values()].map((events) => events.length)).toEqual([3, 1_502, 2]);
    // Hashed over the stored text: 1.50 and 9007199254740993 as stored, not as a parse would round them.
    const links = await store.readChainLinks({ limit: 2_000 });
    expect(links[0].data).toContain('"big": 9007199254740993');
    for (const streamId of streams.keys()) {
      let previous = GENESIS_HASH;
      const broken = links.filter((link) => {
        if (link.streamId !== streamId) return false;
        const intact = linkHash(previous, link) === link.hash;
        previous = link.hash;
        return !intact;
      });
      expect(broken).toEqual([]);
    }
    const { rows } = await pool.query<{ is_nullable: string }>(
      `SELECT is_nullable FROM information_schema.columns WHERE table_schema = 'legacy' AND table_name = 'events' AND column_name = 'hash'`,
    );
    expect(rows).toEqual([{ is_nullable: 'NO' }]);
    await store.close();
  });

  it('runs an upgrade step once, over whole streams, chaining them again, even when two processes start together', async () => {
    await setupEventStoreSchema(pool, 'upgrade');
    const [first, second] = [new PostgresEventStore(pool, { schema: 'upgrade' }), new PostgresEventStore(pool, { schema: 'upgrade' })];
    const [old, untouched] = [newStreamId(), newStreamId()];
    await first.append(old, [...newEvents(1).map((event) => ({ ...event, type: 'Old' })), ...newEvents(2)], 'no-stream');
    await first.append(untouched, newEvents(2), 'no-stream');
    const before = await first.readStream(old);
    const seen: string[][] = [];
    const upgrade = {
      step: 'test: Old becomes New',
      types: ['Old'],
      schemaVersion: 1,
      rewrite: async (streams: ReadonlyMap<string, readonly RecordedEvent[]>) => {
        seen.push([...streams.keys()]);
        return new Map(
          [...streams].map(([streamId, events]) => [
            streamId,
            events.map((event) => (event.type === 'Old' ? { ...event, data: { upgraded: true }, schemaVersion: 2 } : event)),
          ]),
        );
      },
    };
    const [a, b] = await Promise.all([first.upgrade(upgrade), second.upgrade(upgrade)]);
    expect(seen).toEqual([[old]]);
    const rehashed = [...a, ...b];
    const after = await first.readStream(old);
    // The event rewritten and every one after it in its stream get new hashes, chained over the stored text.
    expect(rehashed).toEqual(after.map((event, index) => ({ streamId: old, revision: index, was: before[index].hash, now: event.hash })));
    expect(after[0]).toMatchObject({ id: before[0].id, position: before[0].position, schemaVersion: 2, data: { upgraded: true } });
    let previous = GENESIS_HASH;
    for (const event of after) expect(event.hash).toBe((previous = eventHash(previous, event)));
    expect(await first.upgrade(upgrade)).toEqual([]);
    // Appends chain on the new head, in this process and in the other.
    await first.append(old, newEvents(1), 2);
    await second.append(old, newEvents(1), 3);
    previous = GENESIS_HASH;
    for (const event of await first.readStream(old)) expect(event.hash).toBe((previous = eventHash(previous, event)));
    const { rows } = await pool.query<{ rehashed: unknown[] }>('SELECT rehashed FROM upgrade.event_upgrades');
    expect(rows).toEqual([{ rehashed: JSON.parse(JSON.stringify(rehashed)) }]);
  });

  it('chains on the stream as stored, not on a head it remembers that is no longer there (a restore)', async () => {
    await setupEventStoreSchema(pool);
    const store = new PostgresEventStore(pool);
    const stream = newStreamId();
    await store.append(stream, newEvents(1), 'no-stream');
    // Behind this store's back, another event takes revision 0, as a restore from another backup would leave it.
    const [other] = newEvents(1);
    const otherHash = eventHash(GENESIS_HASH, { ...other, streamId: stream, revision: 0 });
    await pool.query('DELETE FROM events WHERE stream_id = $1', [stream]);
    await pool.query(
      `INSERT INTO events (stream_id, stream_revision, event_id, type, schema_version, data, metadata, hash) VALUES ($1, 0, $2, $3, 1, $4, $5, $6)`,
      [stream, other.id, other.type, other.data, other.metadata, otherHash],
    );
    await store.append(stream, newEvents(1), 0);
    const [first, second] = await store.readStream(stream);
    expect(first.id).toBe(other.id);
    expect(second.hash).toBe(eventHash(otherHash, second));
    await store.close();
  });

  it('reads $all through the (transaction_id, global_position) index', async () => {
    await setupEventStoreSchema(pool);
    const client = await pool.connect();
    try {
      await client.query('SET enable_seqscan = off'); // a near-empty table is scanned otherwise, index or not
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT * FROM public.events
         WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot()) AND (transaction_id, global_position) > ('5'::xid8, 7::bigint)
         ORDER BY transaction_id, global_position LIMIT 10`,
      );
      const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Index Scan using events_all_order/);
      expect(plan).toMatch(/Index Cond: .*ROW\(transaction_id, global_position\) >/);
    } finally {
      client.release();
    }
  });

  it('orders $all by transaction id as a number, also across a power of ten (9 before 10)', async () => {
    await setupEventStoreSchema(pool, 'digits');
    // Rows as transactions 10 and 9 would have written them (long ended: below any snapshot's xmin), inserted out of order.
    for (const [transactionId, type] of [
      ['10', 'Later'],
      ['9', 'Earlier'],
    ]) {
      await pool.query(
        `INSERT INTO digits.events (stream_id, stream_revision, event_id, type, schema_version, data, metadata, hash, transaction_id)
         VALUES ($1, 0, gen_random_uuid(), $2, 1, '{}', '{}', '', $3::text::xid8)`,
        [newStreamId(), type, transactionId],
      );
    }
    const store = new PostgresEventStore(pool, { schema: 'digits' });
    const all = await store.readAll({ limit: 10 });
    expect(all.map((event) => event.type)).toEqual(['Earlier', 'Later']);
    expect((await store.readAll({ after: all[0].position, limit: 10 })).map((event) => event.type)).toEqual(['Later']);
    await store.close();
  });

  it('reconnects the LISTEN connection after it drops, and wakes subscriptions through it again', async () => {
    // A poll interval far beyond the test, and appends by another store (as another process would):
    // only a notification through PostgreSQL can deliver in time.
    const store = await PostgresEventStore.open(pool, { pollIntervalMs: 60_000, reconnectDelayMs: 50 });
    const writer = new PostgresEventStore(pool);
    const stream = newStreamId();
    const { received, subscription } = recordingSubscription(store, 0n, [stream]);
    const listenerPids = async () =>
      (
        await pool.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'")
      ).rows.map((row) => row.pid);
    try {
      await until(async () => (await listenerPids()).length === 1, 'the listener');
      const [first] = await listenerPids();
      await pool.query('SELECT pg_terminate_backend($1)', [first]);
      await until(async () => {
        const pids = await listenerPids();
        return pids.length === 1 && pids[0] !== first;
      }, 'a new listener');
      await writer.append(stream, newEvents(2), 'no-stream');
      await until(() => received.length === 2, 'delivery after the reconnection', 5000);
    } finally {
      await subscription.stop();
      await store.close();
      await writer.close();
    }
  });
});
