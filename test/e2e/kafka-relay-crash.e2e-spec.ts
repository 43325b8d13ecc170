import { randomInt, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { PostgresEventStore, type EventToAppend, type RecordedEvent } from '@ledgerline/event-store';
import { readWholeLog } from '@ledgerline/event-store/testing/whole-log';
import type { Event } from '@ledgerline/domain';
import { KafkaRelay, PUBLIC_TOPICS } from '@ledgerline/integration';
import { SAMPLE_EVENTS } from '@ledgerline/integration/testing/sample-events';
import { customerRegistered } from '@ledgerline/projections/testing/given-events';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { Pool } from 'pg';
import { KAFKA_START_TIMEOUT_MS, kafkaAvailable, requireKafkaBrokers } from '../support/kafka-broker';
import { createTestDatabase } from '../support/test-database';
import { checkpointProgress, untilCheckpoint, WorkerProcesses } from '../support/worker-process';

/** 50 records, interleaved in the log: with the runners' batches of 500 events, ten batches to publish. */
const CUSTOMERS = 20;
const DEALS = 20;
const INTERACTIONS = 10;
const EVENTS_PER_RECORD = 100;
const KILLS = 6;
const MIN_KILLS = 4;
const RELAY = 'kafka-relay';
const AT = '2026-11-20T10:00:00.000Z';

type Received = { key: string; id: string; position: string; message: string };

const event = ({ type, data }: Event): EventToAppend => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  data: data as Record<string, unknown>,
  metadata: { correlationId: 'relay-crash', causationId: 'relay-crash', occurredAt: AT },
});

/** The data of the integration tests' sample event of that type, to be given this test's ids. */
const sample = (type: string) => SAMPLE_EVENTS.find((candidate) => candidate.type === type)?.data;

/** A record's history: its first event, then changes every one of which is published. */
const history = (stream: string, first: Event, change: (index: number) => Event) => ({
  stream,
  events: [first, ...Array.from({ length: EVENTS_PER_RECORD - 1 }, (_, index) => change(index))].map(event),
});

function histories(): { stream: string; events: EventToAppend[] }[] {
  const customers = Array.from({ length: CUSTOMERS }, () => randomUUID());
  const deals = Array.from({ length: DEALS }, () => randomUUID());
  const interactions = Array.from({ length: INTERACTIONS }, () => randomUUID());
  const title = (index: number) => `Deal ${index}`;
  const channel = (index: number) => (index % 2 ? 'email' : 'phone');
  return [
    ...customers.map((customerId) =>
      history(`customer-${customerId}`, customerRegistered(customerId, { registeredAt: AT }), (index) => ({
        type: index % 2 ? 'CustomerTagsRemoved' : 'CustomerTagsAdded',
        data: { customerId, tags: ['hot'] },
      })),
    ),
    ...deals.map((dealId, d) =>
      history(
        `deal-${dealId}`,
        { type: 'DealOpened', data: { ...sample('DealOpened'), dealId, customerId: customers[d % CUSTOMERS], title: title(0) } },
        (index) => ({ type: 'DealRenamed', data: { dealId, from: title(index), to: title(index + 1) } }),
      ),
    ),
    ...interactions.map((interactionId, i) =>
      history(
        `interaction-${interactionId}`,
        {
          type: 'InteractionLogged',
          data: { ...sample('InteractionLogged'), interactionId, customerId: customers[i % CUSTOMERS], dealId: null, channel: channel(0) },
        },
        (index) => ({
          type: 'InteractionAmended',
          data: { interactionId, changes: { channel: { from: channel(index), to: channel(index + 1) } } },
        }),
      ),
    ),
  ];
}

async function until(done: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await done()); await sleep(20)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

/** One event per append, every record in each round: the records' events interleave in the log. */
async function appendInterleaved(pool: Pool): Promise<RecordedEvent[]> {
  const store = await PostgresEventStore.open(pool);
  const records = histories();
  for (let round = 0; round < EVENTS_PER_RECORD; round++) {
    await Promise.all(records.map(({ stream, events }) => store.append(stream, [events[round]], round === 0 ? 'no-stream' : round - 1)));
  }
  const log = await readWholeLog(store);
  await store.close();
  return log;
}

/**
 * The Kafka relay in the real worker process, SIGKILLed again and again while it publishes, then
 * restarted to finish. An independent reader (its own group, from the beginning) then holds every
 * event at least once, each record's first copies in the order of the log; the rest are re-sends.
 */
(kafkaAvailable() ? describe : describe.skip)('Kafka relay in a worker killed in the middle of publishing', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: Pool;
  let brokers: string;
  let log: RecordedEvent[];
  let reader: Consumer;
  const received: Received[] = [];
  const workers = new WorkerProcesses();

  beforeAll(async () => {
    brokers = await requireKafkaBrokers();
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url });
    log = await appendInterleaved(pool);
    // The topics are shared with other suites (and other runs): only this test's records are read.
    const keys = new Set(log.map((recorded) => recorded.streamId.slice(recorded.streamId.indexOf('-') + 1)));
    const kafka = new Kafka({ clientId: 'relay-crash-reader', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await KafkaRelay.createTopics(admin, { partitions: 3, replicationFactor: 1, log: () => undefined }).finally(() => admin.disconnect());
    reader = kafka.consumer({ groupId: `relay-crash-${randomUUID()}` });
    await reader.connect();
    await reader.subscribe({ topics: [...PUBLIC_TOPICS], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const key = String(message.key);
        if (!keys.has(key)) return;
        const value = String(message.value);
        const id = String((JSON.parse(value) as { id: unknown }).id);
        const position = String(message.headers?.['ledgerline-position']);
        received.push({ key, id, position, message: `${position} ${value}` });
      },
    });
  }, KAFKA_START_TIMEOUT_MS);

  afterAll(async () => {
    await workers.stopAll();
    await reader?.disconnect();
    await pool?.end();
    await database?.drop();
  });

  /**
   * Holds the relay's checkpoint row until the relay, its batch acknowledged by the broker, waits to move it. The
   * release (called once the worker is dead) first ends the dead worker's statement that waits on the row: PostgreSQL
   * notices a client gone only when it answers it, so the blocked UPDATE would otherwise commit after the kill.
   */
  const holdCheckpoint = async (): Promise<(() => Promise<void>) | undefined> => {
    const client = await pool.connect();
    const waiting = async () =>
      (await client.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))`)).rows;
    const release = async () => {
      const blocked = (await waiting()).map(({ pid }) => pid);
      await client.query(`SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`, [blocked]);
      await until(async () => (await waiting()).length === 0, "the dead worker's statement to end");
      await client.query('ROLLBACK');
      client.release();
    };
    await client.query('BEGIN');
    const { rows } = await client.query<{ position: string }>(
      `SELECT position::text AS position FROM projection_checkpoints WHERE name = $1 FOR UPDATE`,
      [RELAY],
    );
    if (BigInt(rows[0].position) === log[log.length - 1].position) return void (await release());
    await until(async () => (await waiting()).length > 0, 'the relay to wait for its checkpoint').catch(async (error: unknown) => {
      await release();
      throw error;
    });
    return release;
  };

  it('delivers every event at least once, in order per record, with no gap, after SIGKILLs mid-batch', async () => {
    WorkerProcesses.requireBuilt();
    const env = { DATABASE_URL: database.url, KAFKA_BROKERS: brokers, KAFKA_INBOUND: 'off', LOG_LEVEL: 'error' };
    const startedAt = Date.now();
    let kills = 0;
    let heldKills = 0;
    let last: string | null = null;
    let worker = workers.start(env);
    // Once a run has published a batch, it is killed: every other time a random moment later (while it
    // reads, sends or checkpoints), and in between after the broker acknowledged a batch but before its
    // checkpoint moved (the crash that makes re-sends).
    for (let attempt = 0; attempt < KILLS; attempt++) {
      const seen = await untilCheckpoint(
        pool,
        RELAY,
        ({ position, lag }) => lag === 0 || (position !== null && position !== last),
        60_000,
        workers,
      );
      if (seen.lag === 0) break;
      const release = attempt % 2 ? await holdCheckpoint() : await sleep(randomInt(0, 60));
      await workers.stop(worker, 'SIGKILL');
      await release?.();
      const after = await checkpointProgress(pool, RELAY);
      if (after.lag > 0) kills++;
      if (release && after.lag > 0) heldKills++;
      last = after.position;
      worker = workers.start(env);
    }
    await untilCheckpoint(pool, RELAY, ({ lag }) => lag === 0, 60_000, workers);
    const arrived = () => new Set(received.map((message) => message.id));
    const missing = (ids = arrived()) => log.filter((recorded) => !ids.has(recorded.id)).map((recorded) => recorded.id);
    await until(() => missing().length === 0, 'every event').catch(() => undefined); // reported below
    await workers.stop(worker, 'SIGTERM');
    const resent = received.length - arrived().size;
    console.log(
      `kafka relay crash: ${log.length} events, ${kills} kills mid-publishing (${heldKills} between acknowledgement and checkpoint), ` +
        `${resent} re-sent messages, ${Date.now() - startedAt} ms`,
    );

    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
    expect(heldKills).toBeGreaterThanOrEqual(1);
    expect(resent).toBeGreaterThanOrEqual(heldKills);
    // No gap: every event arrived; and nothing but them under these records' keys.
    expect(missing()).toEqual([]);
    const positions = new Map(log.map((recorded) => [recorded.id, recorded.position.toString()]));
    expect(received.filter((message) => !positions.has(message.id))).toEqual([]);
    // Duplicates are re-sends: the same key, headers and CloudEvent as the first copy; that carries the log position.
    const firstCopies = new Map<string, Received>();
    for (const message of received) if (!firstCopies.has(message.id)) firstCopies.set(message.id, message);
    expect(
      received.filter(
        (message) => firstCopies.get(message.id)?.message !== message.message || firstCopies.get(message.id)?.key !== message.key,
      ),
    ).toEqual([]);
    expect([...firstCopies.values()].filter((message) => message.position !== positions.get(message.id))).toEqual([]);
    // In order per record: the first copies of each record's events come in the order of the log.
    const keyOf = (recorded: RecordedEvent) => recorded.streamId.slice(recorded.streamId.indexOf('-') + 1);
    const outOfOrder = [...new Set(log.map(keyOf))].filter((key) => {
      const logOrder = log.filter((recorded) => keyOf(recorded) === key).map((recorded) => recorded.id);
      const arrivalOrder = [...firstCopies.values()].filter((message) => message.key === key).map((message) => message.id);
      return JSON.stringify(arrivalOrder) !== JSON.stringify(logOrder);
    });
    expect(outOfOrder).toEqual([]);
    expect(workers.errors()).not.toMatch(/kafka-relay/i);
  }, 180_000);
});
