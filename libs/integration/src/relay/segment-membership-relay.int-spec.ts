import { customersProjection } from '@ledgerline/projections';
import { customerRegistered } from '@ledgerline/projections/testing/given-events';
import { projectionHarness, type ProjectionHarness } from '@ledgerline/projections/testing/projection-harness';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { KAFKA_START_TIMEOUT_MS, kafkaAvailable, requireKafkaBrokers } from '@ledgerline/testing';
import { SEGMENT_TOPIC } from '../contracts/segment-membership.contract';
import { loadAsyncApiContract, type AsyncApiContract } from '../testing/asyncapi-contract';
import { kafkaClient, relayProducer } from './kafka-client';
import { KafkaRelay } from './kafka-relay';
import { SegmentMembershipRelay } from './segment-membership-relay';

type Received = { key: string; type: string; id: string; customerId: string; change: string; value: Record<string, unknown> };

async function until(done: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !done(); await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

(kafkaAvailable() ? describe : describe.skip)('segment membership relay against a real broker', () => {
  let harness: ProjectionHarness;
  let kafka: Kafka;
  let producer: Producer;
  let reader: Consumer;
  let contract: AsyncApiContract;
  const received: Received[] = [];
  const segmentId = randomUUID();
  const [anna, bert] = [randomUUID(), randomUUID()];
  const logs: string[] = [];
  const relay = () =>
    new SegmentMembershipRelay(harness.dataSource, producer, {
      pollMs: 50,
      standbyRetryMs: 50,
      batchSize: 2,
      log: (line) => logs.push(line),
    });

  beforeAll(async () => {
    kafka = kafkaClient((await requireKafkaBrokers()).split(','), 'segment-relay-test', (line) => logs.push(line));
    const admin = kafka.admin();
    await admin.connect();
    await KafkaRelay.createTopics(admin, { partitions: 3, replicationFactor: 1, log: (line) => logs.push(line) });
    await admin.disconnect();
    producer = relayProducer(kafka);
    await producer.connect();
    contract = await loadAsyncApiContract();
    harness = await projectionHarness();
    reader = kafka.consumer({ groupId: `independent-reader-${randomUUID()}` });
    await reader.connect();
    await reader.subscribe({ topics: [SEGMENT_TOPIC], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const value = JSON.parse(String(message.value)) as Record<string, unknown> & { data: { customerId: string } };
        if (String(message.key) !== segmentId) return; // other tests' segments
        received.push({
          key: String(message.key),
          type: String(value.type),
          id: String(value.id),
          customerId: value.data.customerId,
          change: String(message.headers?.['ledgerline-membership-change']),
          value,
        });
      },
    });
  }, KAFKA_START_TIMEOUT_MS);

  afterAll(async () => {
    await reader?.disconnect();
    await harness?.close();
    await producer?.disconnect();
  });

  it('publishes entries and exits in the order they happened, as documented, and resumes after a restart without repeating', async () => {
    await harness.given(`customer-${anna}`, [customerRegistered(anna, { name: 'Anna', tags: ['vip'] })]);
    await harness.given(`customer-${bert}`, [customerRegistered(bert, { name: 'Bert', tags: ['vip'] })]);
    await harness.given(`segment-${segmentId}`, [
      {
        type: 'SegmentDefined',
        data: {
          segmentId,
          name: 'VIP',
          description: null,
          rule: { fact: 'tags', op: 'hasAny', value: ['vip'] },
          definedAt: new Date().toISOString(),
        },
      },
    ]);
    const runner = await harness.catchUp(customersProjection);
    const first = relay();
    first.start();
    await until(() => received.length >= 2, 'both entries');
    expect(received.map((message) => [message.type, message.customerId]).sort()).toEqual(
      [
        ['crm.segment.member-entered.v1', anna],
        ['crm.segment.member-entered.v1', bert],
      ].sort(),
    );
    for (const message of received) {
      const validate = contract.validatorFor(message.type);
      expect(validate?.(message.value) ? [] : (validate?.errors ?? ['undocumented type'])).toEqual([]);
      expect(contract.topicOf.get(message.type)).toBe(SEGMENT_TOPIC);
    }
    await first.stop();

    // While no publisher runs, Anna loses the tag; a new publisher sends only that change.
    await harness.given(`customer-${anna}`, [{ type: 'CustomerTagsRemoved', data: { customerId: anna, tags: ['vip'] } }]);
    await harness.waitForCatchUp(runner);
    const second = relay();
    second.start();
    await until(() => received.some((message) => message.type === 'crm.segment.member-left.v1'), 'the exit');
    await new Promise((resolve) => setTimeout(resolve, 500)); // anything else it would (wrongly) send
    await second.stop();

    const afterRestart = received.slice(2);
    // Her stay is read again once closed: its entry comes again with the same id, then the exit; nothing of Bert.
    expect(afterRestart.map((message) => [message.type, message.customerId])).toEqual([
      ['crm.segment.member-entered.v1', anna],
      ['crm.segment.member-left.v1', anna],
    ]);
    expect(afterRestart[0].id).toBe(received.find((message) => message.customerId === anna)!.id);
    const changes = received.map((message) => BigInt(message.change));
    expect(changes).toEqual([...changes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});
