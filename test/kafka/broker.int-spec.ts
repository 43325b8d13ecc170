/**
 * The test broker is a real Kafka that kafkajs (the client Ledgerline uses) can work with: topics,
 * an idempotent producer with acks=all, consumer groups with committed offsets, and a broker restart
 * that loses nothing. Skipped, after a printed notice, only when no broker can be had (see kafka-broker.ts).
 */
import { randomUUID } from 'node:crypto';
import { Kafka, Partitioners, logLevel, type Admin, type LogEntry, type Producer } from 'kafkajs';
import {
  KAFKA_START_TIMEOUT_MS,
  kafkaAvailable,
  ownedKafkaAvailable,
  ownedKafkaBrokers,
  requireKafkaBrokers,
  startBroker,
  stopBroker,
} from '../support/kafka-broker';

const KEYS = Array.from({ length: 10 }, (_, i) => `customer-${i}`);

interface Received {
  messageKey: string | undefined;
  key: string;
  seq: number;
  run: string;
  partition: number;
}

/** kafkajs logs are kept (not printed) and shown when a wait fails: a broker restart makes it log errors on purpose. */
function kafkaClient(brokers: string, logs: string[]): Kafka {
  return new Kafka({
    clientId: 'ledgerline-broker-smoke',
    brokers: brokers.split(','),
    logLevel: logLevel.INFO,
    logCreator: () => (entry: LogEntry) => {
      logs.push(`${logLevel[entry.level]} ${entry.namespace} ${entry.log.message}`);
      if (logs.length > 200) logs.shift();
    },
  });
}

/** Messages with seq from..to-1 for every key, interleaved across keys as a real stream of events would be. */
function keyedMessages(run: string, from: number, to: number) {
  const messages = [];
  for (let seq = from; seq < to; seq++) {
    for (const key of KEYS) messages.push({ key, value: JSON.stringify({ run, key, seq }) });
  }
  return messages;
}

async function produce(producer: Producer, topic: string, messages: { key: string; value: string }[]): Promise<void> {
  // Several requests, so the idempotent producer's sequence numbers advance per partition.
  for (let at = 0; at < messages.length; at += 25) {
    await producer.send({ topic, acks: -1, messages: messages.slice(at, at + 25) });
  }
}

/** Reads with a consumer group until `count` messages arrived, then leaves the group (offsets committed). */
async function consume(kafka: Kafka, logs: string[], topic: string, groupId: string, count: number): Promise<Received[]> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500 });
  const received: Received[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        const value = JSON.parse(message.value?.toString() ?? 'null') as { run: string; key: string; seq: number };
        received.push({ messageKey: message.key?.toString(), key: value.key, seq: value.seq, run: value.run, partition });
      },
    });
    await waitFor(() => received.length >= count, 30_000, `${count} messages in group ${groupId} (got ${received.length})`, logs);
  } finally {
    await consumer.disconnect();
  }
  return received;
}

async function waitFor(done: () => boolean, timeoutMs: number, what: string, logs: string[]): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last kafkajs logs:\n${logs.slice(-30).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Per key: one partition, and seq values exactly from..to-1 in order. */
function expectOrderedPerKey(received: Received[], run: string, from: number, to: number): void {
  expect(received.every((message) => message.run === run && message.messageKey === message.key)).toBe(true);
  for (const key of KEYS) {
    const ofKey = received.filter((message) => message.key === key);
    expect(ofKey.map((message) => message.seq)).toEqual(Array.from({ length: to - from }, (_, i) => from + i));
    expect(new Set(ofKey.map((message) => message.partition)).size).toBe(1);
  }
  expect(received).toHaveLength(KEYS.length * (to - from));
}

async function messagesInTopic(admin: Admin, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
}

async function committedInGroup(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return committed.partitions.reduce((sum, partition) => sum + Math.max(0, Number(partition.offset)), 0);
}

/** A topic name of its own, and an admin and an idempotent producer connected in beforeAll, cleaned up in afterAll. */
function kafkaFixture(kind: string, brokers: () => Promise<string>) {
  const run = randomUUID();
  const fixture = { run, topic: `ledgerline.${kind}.${run}`, logs: [] as string[] } as {
    run: string;
    topic: string;
    logs: string[];
    kafka: Kafka;
    admin: Admin;
    producer: Producer;
  };
  beforeAll(async () => {
    fixture.kafka = kafkaClient(await brokers(), fixture.logs);
    fixture.admin = fixture.kafka.admin();
    fixture.producer = fixture.kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
    await Promise.all([fixture.admin.connect(), fixture.producer.connect()]);
  }, KAFKA_START_TIMEOUT_MS);
  afterAll(async () => {
    await fixture.producer?.disconnect();
    await fixture.admin?.deleteTopics({ topics: [fixture.topic] }).catch(() => undefined);
    await fixture.admin?.disconnect();
  });
  return fixture;
}

(kafkaAvailable() ? describe : describe.skip)('Kafka test broker with kafkajs', () => {
  const k = kafkaFixture('smoke', requireKafkaBrokers);

  it('creates a 3-partition topic, writes 100 keyed messages once each and reads them back in order per key', async () => {
    const { admin, producer, topic, run } = k;
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true })).toBe(true);
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0].partitions).toHaveLength(3);

    await produce(producer, topic, keyedMessages(run, 0, 10));
    expect(await messagesInTopic(admin, topic)).toBe(100); // idempotent: nothing written twice

    const groupId = `smoke-${run}`;
    const received = await consume(k.kafka, k.logs, topic, groupId, 100);
    expectOrderedPerKey(received, run, 0, 10);
    expect(new Set(received.map((message) => message.partition)).size).toBeGreaterThan(1); // keys spread over partitions
    expect(await committedInGroup(admin, groupId, topic)).toBe(100);
  }, 60_000);
});

// Always on a broker this worker owns (started and stopped by the helper), never on an external KAFKA_BROKERS one.
(ownedKafkaAvailable() ? describe : describe.skip)('Kafka test broker stopped and started again', () => {
  const k = kafkaFixture('restart', async () => (await ownedKafkaBrokers()) ?? '');

  it('keeps every message and committed offset, and the same producer goes on writing', async () => {
    const { admin, producer, topic, run } = k;
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
    await produce(producer, topic, keyedMessages(run, 0, 10));
    const firstGroup = `restart-a-${run}`;
    expectOrderedPerKey(await consume(k.kafka, k.logs, topic, firstGroup, 100), run, 0, 10);

    await stopBroker();
    await startBroker();

    // The producer that was connected before the restart reconnects and continues each key's sequence.
    await produce(producer, topic, keyedMessages(run, 10, 12));
    expect(await messagesInTopic(admin, topic)).toBe(120);
    // A new group reads everything: nothing written before the restart was lost.
    expectOrderedPerKey(await consume(k.kafka, k.logs, topic, `restart-b-${run}`, 120), run, 0, 12);
    // The first group's committed offsets survived: it resumes with exactly the messages written after the restart.
    expectOrderedPerKey(await consume(k.kafka, k.logs, topic, firstGroup, 20), run, 10, 12);
  }, 120_000);
});
