import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@ledgerline/event-store';
import { readWholeLog } from '@ledgerline/event-store/testing/whole-log';
import { createTestDatabase, KAFKA_START_TIMEOUT_MS, kafkaAvailable, requireKafkaBrokers } from '@ledgerline/testing';
import { openReadModelDatabase } from '@ledgerline/projections';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { deadLetter } from '../inbound/dead-letter';
import { InboundHandler } from '../inbound/inbound-handler';
import { BILLING_INVOICE_TOPIC, ERP_CUSTOMER_TOPIC } from '../inbound/inbound-messages';
import { InboundRejection } from '../inbound/inbound-rejection';
import { createMissingTopics, kafkaClient, relayProducer } from '../relay/kafka-client';
import { ERP_UPSERTED, INVOICE_PAID } from '../testing/inbound-samples';
import { inboundServicesOver } from '../testing/inbound-services-over';
import { readDeadLetters, type DeadLetterRecord } from './dead-letter-records';
import { DeadLetterRedrive } from './dead-letter-redrive';
import { RedriveLog } from './redrive-log';

const NOW = new Date('2026-12-03T12:00:00.000Z');

/**
 * Dead letters on a real broker redriven into a real event store: each settles once, whatever the number of
 * redrives, and a record rejected again stays redrivable until its cause is fixed.
 */
(kafkaAvailable() ? describe : describe.skip)('redriving dead letters', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let store: PostgresEventStore;
  let readModel: DataSource;
  let kafka: Kafka;
  let redrive: DeadLetterRedrive;
  // A DLQ of this test's own, holding what the consumer would have put on billing's and the ERP's.
  const dlqTopic = `redrive-test-${randomUUID().slice(0, 8)}.dlq`;
  const run = randomUUID().slice(0, 8);
  const erpCustomerId = `E-${run}`;
  const billingCustomerId = `cus_${run}`;
  const invoice = { ...INVOICE_PAID, id: `bill-${run}`, data: { ...INVOICE_PAID.data, customer: { billingCustomerId } } };
  const upsert = { ...ERP_UPSERTED, id: `erp-${run}`, data: { ...ERP_UPSERTED.data, erpCustomerId, billingCustomerId } };

  beforeAll(async () => {
    kafka = kafkaClient((await requireKafkaBrokers()).split(','), 'redrive-test', () => undefined);
    const admin = kafka.admin();
    await admin.connect();
    await createMissingTopics(admin, [dlqTopic], { partitions: 1, replicationFactor: 1, log: () => undefined }).finally(() =>
      admin.disconnect(),
    );
    const producer = relayProducer(kafka);
    await producer.connect();
    const dead = (topic: string, key: string, value: string, code: string) =>
      deadLetter(
        topic,
        0,
        { key: Buffer.from(key), value: Buffer.from(value), headers: {}, offset: '7' },
        InboundRejection.rejected(code, code),
        NOW,
      ).message;
    await producer.send({
      topic: dlqTopic,
      acks: -1,
      messages: [
        dead(BILLING_INVOICE_TOPIC, billingCustomerId, JSON.stringify(invoice), 'customer-not-found'),
        dead(ERP_CUSTOMER_TOPIC, erpCustomerId, JSON.stringify(upsert), 'external-reference-taken'),
        dead(BILLING_INVOICE_TOPIC, billingCustomerId, '{"specversion": "1.0", oops', 'not-json'),
      ],
    });
    await producer.disconnect();
    database = await createTestDatabase();
    store = await PostgresEventStore.open(database.url);
    readModel = await openReadModelDatabase(database.url);
    const services = inboundServicesOver(store, readModel);
    redrive = new DeadLetterRedrive(new InboundHandler(services), new RedriveLog(services.runner));
  }, KAFKA_START_TIMEOUT_MS);

  afterAll(async () => {
    await readModel?.destroy();
    await store?.close();
    await database?.drop();
  });

  const redriveAll = async (records: readonly DeadLetterRecord[]) => {
    const outcomes = [];
    for (const record of records) outcomes.push(await redrive.redrive(record, NOW));
    return outcomes.map((outcome) => outcome.status);
  };

  it('applies what can be applied now, once, and keeps what is rejected again redrivable', async () => {
    const records = await readDeadLetters(kafka, dlqTopic);
    expect(records.map(({ partition, offset, headers }) => [`${partition}:${offset}`, headers['dlq-error-code']])).toEqual([
      ['0:0', 'customer-not-found'],
      ['0:1', 'external-reference-taken'],
      ['0:2', 'not-json'],
    ]);

    // The invoice's customer does not exist yet; the upsert creates it, linked to the invoice's billing id.
    expect(await redriveAll(records)).toEqual(['rejected', 'applied', 'rejected']);
    // Now the invoice finds its customer; the upsert is not applied a second time.
    expect(await redriveAll(records)).toEqual(['applied', 'redriven-before', 'rejected']);
    expect(await redriveAll(records)).toEqual(['redriven-before', 'redriven-before', 'rejected']);

    const events = await readWholeLog(store);
    const types = events.filter((event) => event.streamId.startsWith('customer-')).map((event) => event.type);
    expect(types).toEqual([
      'CustomerRegistered',
      'CustomerExternalReferenceLinked',
      'CustomerExternalReferenceLinked',
      'CustomerPurchaseRecorded',
    ]);
    expect(events.filter((event) => event.type === 'DeadLetterRedriven').map((event) => event.data)).toEqual([
      { dlqTopic, partition: 0, offset: '1', messageId: upsert.id, outcome: 'applied', redrivenAt: NOW.toISOString() },
      { dlqTopic, partition: 0, offset: '0', messageId: invoice.id, outcome: 'applied', redrivenAt: NOW.toISOString() },
    ]);
  });
});
