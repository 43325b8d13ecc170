import { randomInt, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BILLING_INVOICE_TOPIC,
  createMissingTopics,
  customerIdForErp,
  deadLetterTopic,
  ERP_CUSTOMER_TOPIC,
  INBOUND_TOPICS,
} from '@ledgerline/integration';
import { ERP_UPSERTED, INVOICE_PAID } from '@ledgerline/integration/testing/inbound-samples';
import { INBOUND_GROUP_ID } from '@ledgerline/integration/inbound/kafka-inbound-consumer';
import { Kafka, logLevel, type Admin, type Message, type Producer } from 'kafkajs';
import { Client, Pool } from 'pg';
import { KAFKA_START_TIMEOUT_MS, kafkaAvailable, requireKafkaBrokers } from '../support/kafka-broker';
import { createTestDatabase } from '../support/test-database';
import { WorkerProcesses } from '../support/worker-process';

const CUSTOMERS = 400;
const INVOICES_PER_CUSTOMER = 3;
const KILLS_PER_PHASE = 3;
const MIN_KILLS = 3;
const PHASE_TIMEOUT_MS = 90_000;

type Phase = Readonly<{ name: string; topic: string; messages: Message[]; effect: string }>;
type StoredEvent = { stream_id: string; type: string; data: { orderId?: string; system?: string } };

/** The ERP's new customers, then their paid invoices keyed by billing id: the documented samples with this run's ids. */
function phases(run: string): { erpIds: string[]; phases: Phase[] } {
  const erpIds = Array.from({ length: CUSTOMERS }, (_, index) => `${run}-${index}`);
  const billingId = (erpId: string) => `cus_${erpId}`;
  const upserts = erpIds.map((erpCustomerId, index) => ({
    key: erpCustomerId,
    value: JSON.stringify({
      ...ERP_UPSERTED,
      id: `erp-${erpCustomerId}`,
      data: { erpCustomerId, kind: 'company', name: `Crash Test ${index} GmbH`, billingCustomerId: billingId(erpCustomerId) },
    }),
  }));
  const invoices = Array.from({ length: INVOICES_PER_CUSTOMER }, (_, number) =>
    erpIds.map((erpCustomerId) => ({
      key: billingId(erpCustomerId),
      value: JSON.stringify({
        ...INVOICE_PAID,
        id: `bill-${erpCustomerId}-${number}`,
        data: {
          ...INVOICE_PAID.data,
          invoiceId: `INV-${erpCustomerId}-${number}`,
          customer: { billingCustomerId: billingId(erpCustomerId) },
        },
      }),
    })),
  ).flat();
  return {
    erpIds,
    phases: [
      { name: 'ERP upserts', topic: ERP_CUSTOMER_TOPIC, messages: upserts, effect: 'CustomerRegistered' },
      { name: 'paid invoices', topic: BILLING_INVOICE_TOPIC, messages: invoices, effect: 'CustomerPurchaseRecorded' },
    ],
  };
}

/**
 * The inbound consumer in the real worker process, SIGKILLed again and again while it applies ERP upserts and then
 * paid invoices (many in flight at once, finishing out of order), restarted each time. Every record then has had its
 * effect exactly once: one registration per upsert, one purchase per invoice; nothing lost past a committed offset,
 * nothing applied twice by the records delivered again.
 */
(kafkaAvailable() ? describe : describe.skip)('Kafka intake in a worker killed in the middle of consuming', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: Pool;
  let brokers: string;
  let producer: Producer;
  let admin: Admin;
  const workers = new WorkerProcesses();

  beforeAll(async () => {
    brokers = await requireKafkaBrokers();
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url });
    const kafka = new Kafka({ clientId: 'inbound-crash', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    await admin.connect();
    const topics = [...INBOUND_TOPICS, ...INBOUND_TOPICS.map(deadLetterTopic)];
    await createMissingTopics(admin, topics, { partitions: 3, replicationFactor: 1, log: () => undefined });
    producer = kafka.producer();
    await producer.connect();
  }, KAFKA_START_TIMEOUT_MS);

  afterAll(async () => {
    await workers.stopAll();
    await producer?.disconnect();
    await admin?.disconnect();
    await pool?.end();
    await database?.drop();
  });

  const effects = async (streams: readonly string[], type: string): Promise<number> => {
    const query = `SELECT count(*)::int AS count FROM events WHERE type = $1 AND stream_id = ANY($2)`;
    return (await pool.query<{ count: number }>(query, [type, streams]).catch(() => ({ rows: [{ count: 0 }] }))).rows[0].count;
  };

  const until = async (what: string, done: () => Promise<boolean>): Promise<void> => {
    for (const deadline = Date.now() + PHASE_TIMEOUT_MS; !(await done()); await sleep(10)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the workers' stderr:\n${workers.errors()}`);
    }
  };

  /** The consumer group's committed offsets on a topic, as one string to compare. */
  const committed = async (topic: string): Promise<string> => {
    const [offsets] = await admin.fetchOffsets({ groupId: INBOUND_GROUP_ID, topics: [topic] });
    return offsets.partitions.map(({ partition, offset }) => `${partition}@${offset}`).join(',');
  };

  /** Until the worker commits offsets again: the moment a watermark that ran ahead of a record in flight would lose it. */
  const nextCommit = async (topic: string): Promise<void> => {
    const before = await committed(topic);
    await until(`an offset commit on ${topic}`, async () => (await committed(topic)) !== before);
  };

  /**
   * Holds a stream's first append: a row at its revision 0, in a transaction left open, makes the worker's insert wait
   * on the unique index. The record stays in flight while later ones of its partition are stored and committed.
   */
  const holdFirstAppend = async (stream: string) => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO events (stream_id, stream_revision, event_id, type, schema_version, data, metadata, hash)
       VALUES ($1, 0, gen_random_uuid(), 'HeldByTheTest', 1, '{}', '{}', '')`,
      [stream],
    );
    // Once the worker is killed: its insert, still waiting, must not go through when the row goes away.
    return async () => {
      await client.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      await client.query('ROLLBACK');
      await client.end();
    };
  };

  it('gives every record its effect exactly once across SIGKILLs mid-stream', async () => {
    WorkerProcesses.requireBuilt();
    // A short session: a killed member's partitions go to its successor within seconds, not the default 30.
    const env = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: brokers,
      KAFKA_INBOUND_SESSION_TIMEOUT_SECONDS: '6',
      LOG_LEVEL: 'error',
    };
    const { erpIds, phases: work } = phases(randomUUID().slice(0, 8));
    const streams = erpIds.map((erpId) => `customer-${customerIdForErp(erpId)}`);
    let kills = 0;
    let worker = workers.start(env);
    // Started: its schema is in place (the held row must not stand in the way of a migration) and it consumes.
    await until('the worker to join the group', async () => {
      const { groups } = await admin.describeGroups([INBOUND_GROUP_ID]);
      return groups[0]?.state === 'Stable' && groups[0].members.length > 0;
    });
    const release = await holdFirstAppend(streams[0]);
    for (const phase of work) {
      await producer.send({ topic: phase.topic, messages: phase.messages, acks: -1 });
      let last = await effects(streams, phase.effect);
      if (phase === work[0]) {
        // The first customer's upsert is in flight while the others are stored and their offsets committed.
        await until(`progress on ${phase.name}`, async () => (await effects(streams, phase.effect)) > CUSTOMERS / 2);
        await nextCommit(phase.topic);
        await workers.stop(worker, 'SIGKILL');
        await release();
        kills++;
        last = await effects(streams, phase.effect);
        worker = workers.start(env);
      }
      // Each run is killed once it has stored something new: every other time right after it committed offsets
      // (records in flight below the commit would be lost if it ran ahead of them), else a random moment later.
      for (let attempt = 0; attempt < KILLS_PER_PHASE; attempt++) {
        await until(`progress on ${phase.name}`, async () => (await effects(streams, phase.effect)) > last);
        if (attempt % 2 === 0) await nextCommit(phase.topic);
        else await sleep(randomInt(0, 150));
        await workers.stop(worker, 'SIGKILL');
        last = await effects(streams, phase.effect);
        worker = workers.start(env);
        if (last === phase.messages.length) break;
        kills++;
      }
      await until(`every effect of ${phase.name}`, async () => (await effects(streams, phase.effect)) >= phase.messages.length);
    }
    await workers.stop(worker, 'SIGTERM');

    const { rows } = await pool.query<StoredEvent>(
      `SELECT stream_id, type, data FROM events WHERE stream_id = ANY($1) ORDER BY global_position`,
      [streams],
    );
    console.log(`kafka inbound crash: ${CUSTOMERS * (1 + INVOICES_PER_CUSTOMER)} records, ${kills} kills mid-stream`);
    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
    const wrong = streams.filter((stream, index) => {
      const events = rows.filter((event) => event.stream_id === stream);
      const orders = events.filter((event) => event.type === 'CustomerPurchaseRecorded').map((event) => event.data.orderId);
      const expected = Array.from({ length: INVOICES_PER_CUSTOMER }, (_, number) => `INV-${erpIds[index]}-${number}`);
      return (
        events.filter((event) => event.type === 'CustomerRegistered').length !== 1 ||
        events.filter((event) => event.type === 'CustomerExternalReferenceLinked').length !== 2 ||
        JSON.stringify([...orders].sort()) !== JSON.stringify(expected)
      );
    });
    expect(wrong).toEqual([]);
    expect(rows).toHaveLength(CUSTOMERS * (3 + INVOICES_PER_CUSTOMER));
  }, 300_000);
});
