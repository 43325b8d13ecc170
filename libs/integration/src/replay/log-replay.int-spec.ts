import type { DomainEvent } from '@ledgerline/domain';
import { customerRegistered } from '@ledgerline/domain/customer/customer.fixtures';
import { interactionLogged } from '@ledgerline/domain/interaction/interaction.fixtures';
import type { RecordedEvent } from '@ledgerline/event-store';
import { projectionHarness, type ProjectionHarness } from '@ledgerline/projections/testing/projection-harness';
import { KAFKA_START_TIMEOUT_MS, kafkaAvailable, requireKafkaBrokers } from '@ledgerline/testing';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { kafkaClient, relayProducer } from '../relay/kafka-client';
import { KafkaRelay } from '../relay/kafka-relay';
import { replayLog, type ReplayRange, type ReplaySummary } from './log-replay';

const TOPIC = 'crm.customer.v1';

type Received = { key: string; id: string; position: string };

async function readTopic(kafka: Kafka, received: Received[]): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId: `replay-reader-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const value = JSON.parse(String(message.value)) as { id: string };
      received.push({ key: String(message.key), id: value.id, position: String(message.headers?.['ledgerline-position']) });
    },
  });
  return consumer;
}

(kafkaAvailable() ? describe : describe.skip)('replaying the log to a topic', () => {
  let harness: ProjectionHarness;
  let kafka: Kafka;
  let producer: Producer;
  let reader: Consumer;
  const received: Received[] = [];

  beforeAll(async () => {
    kafka = kafkaClient((await requireKafkaBrokers()).split(','), 'replay-test', () => undefined);
    const admin = kafka.admin();
    await admin.connect();
    try {
      await KafkaRelay.createTopics(admin, { partitions: 3, replicationFactor: 1, log: () => undefined });
    } finally {
      await admin.disconnect();
    }
    producer = relayProducer(kafka);
    await producer.connect();
    harness = await projectionHarness();
    reader = await readTopic(kafka, received);
  }, KAFKA_START_TIMEOUT_MS);

  afterAll(async () => {
    await reader?.disconnect();
    await harness?.close();
    await producer?.disconnect();
  });

  /** A customer of its own with a registration and `changes` tag changes, each appended apart (its own recording time). */
  async function customerHistory(changes: number): Promise<{ customerId: string; events: RecordedEvent[] }> {
    const customerId = randomUUID();
    const stream = `customer-${customerId}`;
    await harness.given(stream, [customerRegistered({ customerId })]);
    for (let index = 0; index < changes; index += 1) {
      await sleep(15);
      await harness.given(stream, [{ type: 'CustomerTagsAdded', data: { customerId, tags: [`tag-${index}`] } }] as DomainEvent[]);
    }
    // Events of another kind between them: the replay to crm.customer.v1 leaves them out.
    const interactionId = randomUUID();
    await harness.given(`interaction-${interactionId}`, [interactionLogged({ interactionId, customerId })]);
    const events = (await harness.store.readStream(stream)).sort((a, b) => (a.position < b.position ? -1 : 1));
    return { customerId, events };
  }

  const replay = (range: ReplayRange, pageSize = 2): Promise<ReplaySummary> =>
    replayLog(harness.store, producer, {
      topic: TOPIC,
      range,
      pageSize,
      stopping: new AbortController().signal,
      onProgress: () => undefined,
      log: () => undefined,
    });

  /** What the topic holds of a customer once the replay's messages arrived, and a moment longer for any that should not. */
  async function receivedOf(customerId: string, expected: number): Promise<Received[]> {
    const ours = () => received.filter((message) => message.key === customerId);
    for (const deadline = Date.now() + 30_000; ours().length < expected && Date.now() < deadline;) await sleep(50);
    await sleep(1_000);
    return ours();
  }

  it('publishes a range of positions, both ends included, with the original ids and positions, and nothing outside it', async () => {
    const { customerId, events } = await customerHistory(5);
    const range = events.slice(1, 4);
    const summary = await replay({ from: { position: range[0].position }, to: { position: range[2].position } });

    expect(summary).toMatchObject({ published: 3, first: range[0].position, last: range[2].position, complete: true });
    expect(await receivedOf(customerId, 3)).toEqual(
      range.map((event) => ({ key: customerId, id: event.id, position: event.position.toString() })),
    );
  }, 60_000);

  it('publishes the events recorded within a range of instants, to the head when no end is given', async () => {
    const { customerId, events } = await customerHistory(4);
    const [, , third, fourth, fifth] = events;
    const between = await replay({ from: { instant: third.recordedAt }, to: { instant: fourth.recordedAt } });
    expect(between).toMatchObject({ published: 2, first: third.position, last: fourth.position });
    expect((await receivedOf(customerId, 2)).map((message) => message.id)).toEqual([third.id, fourth.id]);

    const toHead = await replay({ from: { instant: fifth.recordedAt } }, 500);
    expect(toHead).toMatchObject({ published: 1, first: fifth.position, last: fifth.position });
    expect((await receivedOf(customerId, 3)).map((message) => message.id)).toEqual([third.id, fourth.id, fifth.id]);
  }, 60_000);
});
