import { setTimeout as sleep } from 'node:timers/promises';
import { Pool, type PoolClient } from 'pg';
import { createTestDatabase } from '@ledgerline/testing';
import type { GlobalPosition } from '../event-store.port';
import { headOfAll, newEvents, newStreamId, recordingSubscription, until } from '../testing/contract-helpers';
import { appendInTransaction } from './append-statement';
import { eventTable } from './event-table';
import { PostgresEventStore } from './postgres-event-store';
import { decodePosition } from './position';
import { StreamHeads } from './stream-heads';

/**
 * ADR 0002: an append that got its rows (and global positions) first but commits last must not be
 * skipped by $all readers. A test client holds such a transaction open through the adapter's own SQL.
 */
describe('PostgreSQL $all ordering', () => {
  const HOLD_MS = 400;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: Pool;
  let store: PostgresEventStore;
  let held: PoolClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url });
    store = await PostgresEventStore.open(pool, { pollIntervalMs: 100 });
  });

  beforeEach(async () => {
    held = await pool.connect();
    await held.query('BEGIN');
  });

  afterEach(async () => {
    await held.query('ROLLBACK'); // a no-op once the test has ended the transaction
    held.release();
  });

  afterAll(async () => {
    await store.close();
    await pool.end();
    await database.drop();
  });

  const appendOthers = async (streams: readonly string[]) => {
    for (const stream of streams) await store.append(stream, newEvents(2), 'no-stream');
  };
  const sql = (position: GlobalPosition) => decodePosition(position).globalPosition;

  it('delivers nothing past an uncommitted lower position, then everything once, in order, none skipped', async () => {
    const start = await headOfAll(store);
    const [a, b, c] = [newStreamId(), newStreamId(), newStreamId()];
    const { received, subscription } = recordingSubscription(store, start, [a, b, c]);
    try {
      const heldAppend = await appendInTransaction(held, eventTable(), new StreamHeads(), a, newEvents(2), 'no-stream');
      await appendOthers([b, c]);

      // b and c are committed, with higher global positions than a's rows...
      expect(await store.readStream(c)).toHaveLength(2);
      const { rows } = await pool.query<{ global_position: string }>(
        'SELECT global_position FROM events WHERE global_position > $1 ORDER BY global_position',
        [sql(start).toString()],
      );
      const naiveCheckpoint = BigInt(rows[rows.length - 1].global_position);
      expect(sql(heldAppend.position) < naiveCheckpoint).toBe(true); // a reader checkpointing global_position would skip a

      // ...yet $all shows none of them while a's transaction is open, through notifications and polls alike.
      await sleep(HOLD_MS);
      expect(await store.readAll({ after: start, limit: 100 })).toEqual([]);
      expect(received).toEqual([]);

      await held.query('COMMIT');
      await until(() => received.length === 6, 'delivery after the commit');
      const all = await store.readAll({ after: start, limit: 100 });
      expect(all.map((event) => event.streamId)).toEqual([a, a, b, b, c, c]);
      expect(all[1].position).toBe(heldAppend.position);
      await sleep(HOLD_MS);
      expect(received).toEqual(all);
    } finally {
      await subscription.stop();
    }
  });

  it('waits out any writing transaction, even one that never notifies, then catches up by polling', async () => {
    const start = await headOfAll(store);
    const [b, c] = [newStreamId(), newStreamId()];
    const { received, subscription } = recordingSubscription(store, start, [b, c]);
    try {
      await held.query('SELECT pg_current_xact_id()'); // takes a transaction id, as any write would
      await appendOthers([b, c]);
      await sleep(HOLD_MS);
      expect(received).toEqual([]);

      await held.query('ROLLBACK'); // ends it without a notification: the fallback poll must notice
      await until(() => received.length === 4, 'delivery by the fallback poll', 2000);
      expect(received.map((event) => event.streamId)).toEqual([b, b, c, c]);
    } finally {
      await subscription.stop();
    }
  });
});
