import type { DomainEvent } from '@ledgerline/domain';
import { projectionHarness, type ProjectionHarness } from '@ledgerline/projections/testing/projection-harness';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { KAFKA_START_TIMEOUT_MS, kafkaAvailable, requireKafkaBrokers } from '@ledgerline/testing';
import { loadAsyncApiContract, type AsyncApiContract } from '../testing/asyncapi-contract';
import { CUSTOMER_ID, SAMPLE_EVENTS, streamOf } from '../testing/sample-events';
import { PUBLIC_TOPICS } from '../contracts/integration-messages';
import { kafkaClient, relayProducer } from './kafka-client';
import { KafkaRelay } from './kafka-relay';

type Received = { topic: string; key: string; id: string; type: string; value: Record<string, unknown> };

/** An independent reader, as another department's system would be: its own group, from the beginning. */
async function readTopics(kafka: Kafka, received: Received[]): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId: `independent-reader-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [...PUBLIC_TOPICS], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      const value = JSON.parse(String(message.value)) as Record<string, unknown>;
      received.push({ topic, key: String(message.key), id: String(value.id), type: String(value.type), value });
    },
  });
  return consumer;
}

async function until(done: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !done(); await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

(kafkaAvailable() ? describe : describe.skip)('Kafka relay against a real broker', () => {
  let harness: ProjectionHarness;
  let kafka: Kafka;
  let producer: Producer;
  let contract: AsyncApiContract;
  const logs: string[] = [];
  const options = { partitions: 3, replicationFactor: 1, log: (line: string) => logs.push(line) };

  beforeAll(async () => {
    kafka = kafkaClient((await requireKafkaBrokers()).split(','), 'relay-test', (line) => logs.push(line));
    const admin = kafka.admin();
    await admin.connect();
    await KafkaRelay.createTopics(admin, options);
    await admin.disconnect();
    producer = relayProducer(kafka);
    await producer.connect();
    contract = await loadAsyncApiContract();
    harness = await projectionHarness();
  }, KAFKA_START_TIMEOUT_MS);

  afterAll(async () => {
    await harness?.close();
    await producer?.disconnect();
  });

  const append = async (events: readonly DomainEvent[]): Promise<void> => {
    for (const event of events) await harness.given(streamOf(event), [event]);
  };

  it('publishes every event as its documented message, keyed by record, in order, and resumes after a restart without a gap', async () => {
    const received: Received[] = [];
    const reader = await readTopics(kafka, received);
    try {
      await append(SAMPLE_EVENTS);
      const first = await harness.catchUp(new KafkaRelay(producer, options));
      const published = (await harness.store.readAll({ limit: 100_000 })).filter((event) => !event.streamId.startsWith('pipeline-'));
      // Profile changes of unpublished fields become no message; the samples have none of those.
      await until(() => published.every((event) => received.some((message) => message.id === event.id)), 'the first messages');

      for (const message of received.filter((candidate) => published.some((event) => event.id === candidate.id))) {
        const validate = contract.validatorFor(message.type);
        expect(validate?.(message.value) ? [] : (validate?.errors ?? ['undocumented type'])).toEqual([]);
        expect(message.topic).toBe(contract.topicOf.get(message.type));
        expect(message.key).toBe(message.value.subject);
      }

      await first.stop(); // the relay goes away; events keep coming
      const later: DomainEvent[] = Array.from({ length: 20 }, (_, index) => ({
        type: index % 2 ? 'CustomerTagsRemoved' : 'CustomerTagsAdded',
        data: { customerId: CUSTOMER_ID, tags: [`tag-${index}`] },
      })) as DomainEvent[];
      await append(later);
      await harness.catchUp(new KafkaRelay(producer, options));

      const all = (await harness.store.readAll({ limit: 100_000 })).filter((event) => !event.streamId.startsWith('pipeline-'));
      await until(() => all.every((event) => received.some((message) => message.id === event.id)), 'the messages after the restart');

      // In order per key: each record's messages arrive in the order of its events in the log. Other
      // suites may share the broker and its topics: only this test's events are looked at.
      const ours = received.filter((message) => all.some((event) => event.id === message.id));
      for (const key of new Set(ours.map((message) => message.key))) {
        const firstSeen = (ids: string[]) => ids.filter((id, index) => ids.indexOf(id) === index);
        const logOrder = all.filter((event) => ours.find((message) => message.id === event.id)?.key === key).map((event) => event.id);
        expect(firstSeen(ours.filter((message) => message.key === key).map((message) => message.id))).toEqual(logOrder);
      }
    } finally {
      await reader.disconnect();
    }
  }, 120_000);
});
