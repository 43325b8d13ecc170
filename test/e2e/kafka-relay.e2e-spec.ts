import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { KAFKA_START_TIMEOUT_MS, kafkaAvailable, requireKafkaBrokers } from '../support/kafka-broker';
import { startApi, type ApiHarness } from '../support/api-harness';

/** The relay as `npm start` runs it with KAFKA_BROKERS: a write over HTTP comes out on its topic. */
(kafkaAvailable() ? describe : describe.skip)('HTTP write to Kafka message', () => {
  let api: ApiHarness;
  let consumer: Consumer;
  const received: { key: string; type: string; data: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    const brokers = await requireKafkaBrokers();
    api = await startApi({ KAFKA_BROKERS: brokers });
    consumer = new Kafka({ clientId: 'e2e-reader', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).consumer({
      groupId: `e2e-${randomUUID()}`,
    });
    await consumer.connect();
    await consumer.subscribe({ topics: ['crm.customer.v1', 'crm.deal.v1'], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const value = JSON.parse(String(message.value));
        received.push({ key: String(message.key), type: value.type, data: value.data });
      },
    });
  }, KAFKA_START_TIMEOUT_MS);

  afterAll(async () => {
    await consumer?.disconnect();
    await api?.close();
  });

  it('publishes a registered customer and its won deal, keyed by record', async () => {
    const customer = (
      await api.http().post('/v1/customers').send({ kind: 'company', name: 'Published AG', email: 'secret@published.example' }).expect(201)
    ).body.id;
    const deal = (
      await api.http().post('/v1/deals').send({ customerId: customer, title: 'Big', amount: '900', currency: 'EUR' }).expect(201)
    ).body.id;
    await api.http().post(`/v1/deals/${deal}/win`).expect(200);

    for (const deadline = Date.now() + 30_000; !received.some((message) => message.key === deal && message.type === 'crm.deal.won.v1');) {
      if (Date.now() > deadline) throw new Error(`not published; received ${JSON.stringify(received.map((message) => message.type))}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const registered = received.find((message) => message.key === customer);
    expect(registered).toMatchObject({ type: 'crm.customer.registered.v1', data: { customerId: customer, name: 'Published AG' } });
    expect(JSON.stringify(registered)).not.toContain('secret@published.example');
    expect(received.filter((message) => message.key === deal).map((message) => message.type)).toEqual([
      'crm.deal.opened.v1',
      'crm.deal.won.v1',
    ]);
  }, 60_000);
});
