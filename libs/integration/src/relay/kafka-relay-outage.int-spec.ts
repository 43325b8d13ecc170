import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@ledgerline/domain';
import { projectionHarness, type ProjectionHarness } from '@ledgerline/projections/testing/projection-harness';
import type { Consumer, Producer } from 'kafkajs';
import { KAFKA_START_TIMEOUT_MS, ownedKafkaAvailable, ownedKafkaBrokers, startBroker, stopBroker } from '@ledgerline/testing';
import { kafkaClient, relayProducer } from './kafka-client';
import { KafkaRelay } from './kafka-relay';

const tagged = (customerId: string, index: number): DomainEvent =>
  ({ type: 'CustomerTagsAdded', data: { customerId, tags: [`tag-${index}`] } }) as DomainEvent;

/**
 * The broker goes away while the relay publishes and comes back: the relay waits it out (backoff, no
 * tight loop), and every event is delivered, in order per key. Needs a broker this worker owns.
 */
(ownedKafkaAvailable() ? describe : describe.skip)('Kafka relay through a broker outage', () => {
  let harness: ProjectionHarness;
  let producer: Producer;
  let consumer: Consumer;
  let relayLog: string[];
  const received: { key: string; id: string }[] = [];

  beforeAll(async () => {
    const brokers = (await ownedKafkaBrokers()) as string;
    relayLog = [];
    const kafka = kafkaClient(brokers.split(','), 'relay-outage-test', () => undefined);
    const admin = kafka.admin();
    await admin.connect();
    await KafkaRelay.createTopics(admin, { partitions: 3, replicationFactor: 1, log: () => undefined });
    await admin.disconnect();
    producer = relayProducer(kafka);
    await producer.connect();
    consumer = kafka.consumer({ groupId: `outage-reader-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topics: ['crm.customer.v1'], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => void received.push({ key: String(message.key), id: JSON.parse(String(message.value)).id }),
    });
    harness = await projectionHarness();
  }, KAFKA_START_TIMEOUT_MS);

  afterAll(async () => {
    await consumer?.disconnect();
    await harness?.close();
    await producer?.disconnect();
  });

  it('loses nothing when the broker stops and restarts while events keep coming', async () => {
    const customers = [randomUUID(), randomUUID(), randomUUID()];
    const relay = new KafkaRelay(producer, { partitions: 3, replicationFactor: 1, log: (line) => relayLog.push(line) });
    const runner = await harness.startRunner(relay, { batchSize: 5 });

    let index = 0;
    const appendSome = async (count: number) => {
      for (const end = index + count; index < end; index++)
        await harness.given(`customer-${customers[index % 3]}`, [tagged(customers[index % 3], index)]);
    };
    await appendSome(15);
    await stopBroker();
    await appendSome(15); // written while the broker is away: the relay waits, retrying with backoff
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await startBroker();
    await appendSome(15);
    await harness.waitForCatchUp(runner);

    const ours = (await harness.store.readAll({ limit: 10_000 })).filter((event) => event.type === 'CustomerTagsAdded');
    expect(ours).toHaveLength(45);
    for (const deadline = Date.now() + 60_000; !ours.every((event) => received.some((message) => message.id === event.id));) {
      if (Date.now() > deadline) throw new Error(`missing messages after the outage; relay log:\n${relayLog.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const customer of customers) {
      const logOrder = ours.filter((event) => event.streamId === `customer-${customer}`).map((event) => event.id);
      const seen = received.filter((message) => message.key === customer).map((message) => message.id);
      expect(seen.filter((id, position) => seen.indexOf(id) === position)).toEqual(logOrder); // duplicates allowed, order kept
    }
    expect(runner.status()).toMatchObject({ state: 'live', error: undefined }); // it waited the outage out, it did not fail
  }, 180_000);
});
