import type { CustomerRegistered, DomainEvent } from '@ledgerline/domain';
import { projectionHarness, type ProjectionHarness } from '@ledgerline/projections/testing/projection-harness';
import { KAFKA_START_TIMEOUT_MS, kafkaAvailable, requireKafkaBrokers } from '@ledgerline/testing';
import { ConfigResourceTypes, type Consumer, type Kafka, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { STATE_TOPICS } from '../contracts/state-contracts';
import { stateMessage } from '../contracts/state-messages';
import { SAMPLE_EVENTS } from '../testing/sample-events';
import { kafkaClient, relayProducer } from './kafka-client';
import { KafkaStateRelay } from './kafka-state-relay';

type StateRecord = { topic: string; key: string; value: Record<string, unknown> | null; headers: Record<string, string> };

/** A department's bootstrap reader: its own group, every state topic from the beginning. */
async function readStateTopics(kafka: Kafka, received: StateRecord[]): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId: `state-reader-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [...STATE_TOPICS], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]));
      const value = message.value === null ? null : (JSON.parse(String(message.value)) as Record<string, unknown>);
      received.push({ topic, key: String(message.key), value, headers });
    },
  });
  return consumer;
}

async function until(done: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !done(); await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

const AT = '2026-11-20T10:00:00.000Z';

(kafkaAvailable() ? describe : describe.skip)('Kafka state relay against a real broker', () => {
  let harness: ProjectionHarness;
  let kafka: Kafka;
  let producer: Producer;
  const options = { partitions: 3, replicationFactor: 1, log: () => undefined };

  beforeAll(async () => {
    kafka = kafkaClient((await requireKafkaBrokers()).split(','), 'state-relay-test', () => undefined);
    const admin = kafka.admin();
    await admin.connect();
    try {
      await KafkaStateRelay.createTopics(admin, options);
    } finally {
      await admin.disconnect();
    }
    producer = relayProducer(kafka);
    await producer.connect();
    harness = await projectionHarness();
  }, KAFKA_START_TIMEOUT_MS);

  afterAll(async () => {
    await harness?.close();
    await producer?.disconnect();
  });

  it('creates every state topic compacted', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: STATE_TOPICS.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['cleanup.policy'] })),
      });
      expect(resources.map(({ resourceName, configEntries }) => [resourceName, configEntries[0]?.configValue])).toEqual(
        STATE_TOPICS.map((topic) => [topic, 'compact']),
      );
    } finally {
      await admin.disconnect();
    }
  });

  it('holds the latest public state per record after several updates, in order per key, across a restart', async () => {
    const [customerId, dealId] = [randomUUID(), randomUUID()];
    const customer = `customer-${customerId}`;
    const received: StateRecord[] = [];
    const reader = await readStateTopics(kafka, received);
    const ours = () => received.filter((record) => record.key === customerId || record.key === dealId);
    try {
      const registration = SAMPLE_EVENTS[0] as CustomerRegistered;
      await harness.given(customer, [{ ...registration, data: { ...registration.data, customerId } }]);
      const updates: DomainEvent[] = [
        { type: 'CustomerTagsAdded', data: { customerId, tags: ['enterprise'] } },
        { type: 'CustomerProfileUpdated', data: { customerId, changes: { name: { from: 'Acme GmbH', to: 'Acme AG' } } } },
        { type: 'CustomerLifecycleStageChanged', data: { customerId, from: 'lead', to: 'prospect' } },
      ];
      for (const update of updates) await harness.given(customer, [update]);
      // Batches of two events: the first batches publish states the later ones replace.
      const first = await harness.catchUp(new KafkaStateRelay(producer, harness.store, options), { batchSize: 2 });
      await until(
        () => ours().some((record) => record.value?.data && (record.value.data as { revision: number }).revision === 3),
        'revision 3',
      );
      await first.stop();

      await harness.given(customer, [
        { type: 'CustomerOwnerAssigned', data: { customerId, from: 'ana', to: 'bob' } },
        // Unpublished fields only: the state topic gets nothing for it.
        {
          type: 'CustomerProfileUpdated',
          data: { customerId, changes: { email: { from: 'buyer@acme.example', to: 'ops@acme.example' } } },
        },
      ] as DomainEvent[]);
      await harness.given(`deal-${dealId}`, [
        {
          type: 'DealOpened',
          data: {
            dealId,
            customerId,
            title: '40 seats',
            amount: '12000',
            currency: 'EUR',
            pipelineId: 'sales',
            stageId: 'lead-in',
            probability: 10,
            expectedCloseDate: null,
            owner: 'ana',
            openedAt: AT,
          },
        },
      ] as DomainEvent[]);
      await harness.catchUp(new KafkaStateRelay(producer, harness.store, options), { batchSize: 2 });
      await until(() => ours().some((record) => record.key === dealId), 'the deal state');
      await until(
        () => ours().some((record) => (record.value?.data as { owner?: string } | undefined)?.owner === 'bob'),
        'the owner change',
      );

      const states = ours().filter((record) => record.key === customerId);
      expect(new Set(states.map((record) => record.topic))).toEqual(new Set(['crm.customer.state.v1']));
      const revisions = states.map((record) => (record.value?.data as { revision: number }).revision);
      expect(revisions).toEqual([...revisions].sort((a, b) => a - b)); // in order per key
      expect(new Set(revisions).size).toBeGreaterThan(1); // several states, the last of which wins
      const latest = states[states.length - 1].value as Record<string, unknown>;
      expect(latest).toMatchObject({
        specversion: '1.0',
        type: 'crm.customer.state.v1',
        subject: customerId,
        source: 'urn:ledgerline:crm',
      });
      // The last state on the topic is the record as the store holds it now, with every update.
      expect(latest).toEqual(stateMessage(customer, await harness.store.readStream(customer))?.value);
      expect(latest.data).toMatchObject({
        name: 'Acme AG',
        owner: 'bob',
        lifecycleStage: 'prospect',
        tags: ['vip', 'enterprise'],
        revision: 5,
      });
      expect(ours().find((record) => record.key === dealId)).toMatchObject({
        topic: 'crm.deal.state.v1',
        value: { type: 'crm.deal.state.v1', data: { dealId, customerId, status: 'open', stageId: 'lead-in', revision: 0 } },
      });
      expect(JSON.stringify(ours())).not.toMatch(/acme\.example|\+49 30 1|"seats"/);
    } finally {
      await reader.disconnect();
    }
  }, 120_000);
});
