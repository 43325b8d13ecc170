import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type IHeaders, type KafkaMessage, type Producer } from 'kafkajs';
import { customerIdForErp } from '@ledgerline/integration';
import { KAFKA_START_TIMEOUT_MS, kafkaAvailable, requireKafkaBrokers } from '../support/kafka-broker';
import { startApi, type ApiHarness } from '../support/api-harness';

const ERP = 'erp.customer.v1';
const BILLING = 'billing.invoice.v1';
const LEADS = 'intake.lead.v1';
const INTERACTIONS = 'intake.interaction.v1';
const WAIT_MS = 30_000;

type HistoryItem = { type: string; data: Record<string, unknown>; metadata: Record<string, unknown> };

const cloudEvent = (type: string, data: object, id = randomUUID()) => ({
  specversion: '1.0',
  id,
  source: `urn:e2e:${type.split('.')[0]}`,
  type,
  time: '2026-11-30T10:00:00Z',
  datacontenttype: 'application/json',
  data,
});

async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (const deadline = Date.now() + WAIT_MS; ;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The ERP and billing consumers as `npm start` runs them with KAFKA_BROKERS: records in, commands stored, bad ones to the DLQ. */
(kafkaAvailable() ? describe : describe.skip)('Kafka inbound from ERP and billing', () => {
  let api: ApiHarness;
  let kafka: Kafka;
  let producer: Producer;

  beforeAll(async () => {
    const brokers = await requireKafkaBrokers();
    api = await startApi({ KAFKA_BROKERS: brokers });
    kafka = new Kafka({ clientId: 'e2e-erp-and-billing', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
    producer = kafka.producer();
    await producer.connect();
  }, KAFKA_START_TIMEOUT_MS);

  afterAll(async () => {
    await producer?.disconnect();
    await api?.close();
  });

  const send = async (topic: string, key: string, value: object | string, headers: IHeaders = {}) => {
    const [sent] = await producer.send({
      topic,
      acks: -1,
      messages: [{ key, value: typeof value === 'string' ? value : JSON.stringify(value), headers }],
    });
    return { partition: sent.partition, offset: String(sent.baseOffset) };
  };
  const customer = async (id: string) => {
    const response = await api.http().get(`/v1/customers/${id}`).set('Read-After-Write', 'true');
    return response.status === 200
      ? (response.body as Record<string, unknown> & { purchases: { orderCount: number }; interactions: { count: number } })
      : undefined;
  };
  const history = async (id: string): Promise<HistoryItem[]> =>
    (await api.http().get(`/v1/customers/${id}/history`).expect(200)).body.items;
  const ordersOf = async (id: string) => (await customer(id))?.purchases.orderCount;

  /** A customer created from the ERP, linked to a billing id; billing records are keyed by that id. */
  const erpCustomer = async () => {
    const erpCustomerId = `E-${randomUUID().slice(0, 8)}`;
    const billingCustomerId = `cus_${randomUUID().slice(0, 8)}`;
    const id = customerIdForErp(erpCustomerId);
    await send(
      ERP,
      erpCustomerId,
      cloudEvent('erp.customer.upserted.v1', { erpCustomerId, kind: 'company', name: 'Kafka Works GmbH', billingCustomerId }),
    );
    await eventually('the customer from the ERP', () => customer(id));
    return { id, erpCustomerId, billingCustomerId };
  };
  const paid = (billingCustomerId: string, invoiceId: string, amount = '100.00') =>
    cloudEvent('billing.invoice.paid.v1', {
      invoiceId,
      customer: { billingCustomerId },
      amount,
      currency: 'EUR',
      paidAt: '2026-11-30T10:00:00Z',
    });
  const waitForOrders = (id: string, count: number) =>
    eventually(`${count} orders`, async () => ((await ordersOf(id)) === count ? count : undefined));

  it('creates a customer from ERP master data, then updates what changed, visible over HTTP', async () => {
    const erpCustomerId = `E-${randomUUID().slice(0, 8)}`;
    const id = customerIdForErp(erpCustomerId);
    const created = cloudEvent('erp.customer.upserted.v1', {
      erpCustomerId,
      kind: 'company',
      name: 'Müller Maschinenbau GmbH',
      email: 'einkauf@mueller.example',
      phone: '+49 711 123456',
      country: 'DE',
    });
    await send(ERP, erpCustomerId, created, { 'correlation-id': 'erp-batch-7' });
    expect(await eventually('the new customer', () => customer(id))).toMatchObject({
      name: 'Müller Maschinenbau GmbH',
      country: 'DE',
      lifecycleStage: 'customer',
      externalReferences: { erp: erpCustomerId },
    });

    const updated = cloudEvent('erp.customer.upserted.v1', { erpCustomerId, kind: 'company', name: 'Müller Maschinenbau AG', phone: null });
    await send(ERP, erpCustomerId, updated);
    const after = await eventually('the new name', async () => {
      const current = await customer(id);
      return current?.name === 'Müller Maschinenbau AG' ? current : undefined;
    });
    expect(after).toMatchObject({ email: 'einkauf@mueller.example', phone: null, country: 'DE' });

    const events = await history(id);
    expect(events.map((event) => event.type)).toEqual(['CustomerRegistered', 'CustomerExternalReferenceLinked', 'CustomerProfileUpdated']);
    expect(events[0].metadata).toMatchObject({
      actor: { type: 'integration', id: ERP, authMethod: 'kafka' },
      source: `kafka:${ERP}`,
      causationId: created.id,
      idempotencyKey: created.id,
      correlationId: 'erp-batch-7',
    });
    expect(events[2].metadata).toMatchObject({ causationId: updated.id, correlationId: updated.id });
  }, 60_000);

  it('gives a duplicated and a replayed message one effect: one purchase, one event', async () => {
    const { id, billingCustomerId } = await erpCustomer();
    const first = paid(billingCustomerId, 'INV-1');
    await send(BILLING, billingCustomerId, first);
    await send(BILLING, billingCustomerId, first); // delivered twice
    await send(BILLING, billingCustomerId, paid(billingCustomerId, 'INV-2'));
    await send(BILLING, billingCustomerId, first); // replayed later
    await send(BILLING, billingCustomerId, paid(billingCustomerId, 'INV-1')); // the same payment under a new message id
    await send(BILLING, billingCustomerId, paid(billingCustomerId, 'INV-3')); // after all of them on the partition
    await waitForOrders(id, 3);

    const purchases = (await history(id)).filter((event) => event.type === 'CustomerPurchaseRecorded');
    expect(purchases.map((event) => event.data.orderId)).toEqual(['INV-1', 'INV-2', 'INV-3']);
    expect(purchases[0].metadata).toMatchObject({ causationId: first.id, source: `kafka:${BILLING}` });
    expect(await customer(id)).toMatchObject({ purchases: { orderCount: 3, byCurrency: { EUR: { orders: 3, total: '300' } } } });
  }, 60_000);

  it('sends a malformed and a rejected message to the DLQ with the reason, and goes on with the next one', async () => {
    const { id, billingCustomerId } = await erpCustomer();
    const garbage = await send(BILLING, billingCustomerId, '{"specversion": "1.0", oops', { 'correlation-id': 'corr-garbage' });
    const invalid = cloudEvent('billing.invoice.paid.v1', {
      invoiceId: 'INV-X',
      customer: { billingCustomerId },
      amount: 12,
      currency: 'EUR',
    });
    const schemaViolation = await send(BILLING, billingCustomerId, invalid);
    const stranger = paid(`cus_unknown_${randomUUID().slice(0, 8)}`, 'INV-Y');
    const rejected = await send(BILLING, billingCustomerId, stranger);
    await send(BILLING, billingCustomerId, paid(billingCustomerId, 'INV-OK'));
    await waitForOrders(id, 1);
    expect([garbage, schemaViolation, rejected].map((sent) => sent.partition)).toEqual([
      garbage.partition,
      garbage.partition,
      garbage.partition,
    ]);

    const dead = await readDeadLetters(kafka, `${BILLING}.dlq`, billingCustomerId, 3);
    const headers = (message: KafkaMessage) =>
      Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]));
    expect(dead.map(headers)).toEqual([
      expect.objectContaining({
        'correlation-id': 'corr-garbage',
        'dlq-error-type': 'malformed',
        'dlq-error-code': 'not-json',
        'dlq-original-topic': BILLING,
        'dlq-original-partition': String(garbage.partition),
        'dlq-original-offset': garbage.offset,
      }),
      expect.objectContaining({
        'dlq-error-type': 'malformed',
        'dlq-error-code': 'schema-violation',
        'dlq-original-offset': schemaViolation.offset,
      }),
      expect.objectContaining({
        'dlq-error-type': 'rejected',
        'dlq-error-code': 'customer-not-found',
        'dlq-original-offset': rejected.offset,
      }),
    ]);
    expect(headers(dead[1])['dlq-reason']).toContain('/data/amount must be string');
    expect(headers(dead[1])['dlq-reason']).toContain("/data must have required property 'paidAt'");
    expect(headers(dead[2])['dlq-reason']).toContain('No customer matches');
    expect(Date.parse(headers(dead[0])['dlq-failed-at'])).not.toBeNaN();
    expect(dead.map((message) => String(message.value))).toEqual([
      '{"specversion": "1.0", oops',
      JSON.stringify(invalid),
      JSON.stringify(stranger),
    ]);
  }, 60_000);

  it('reverses the purchase of an invoice voided after it was paid; voiding an unpaid one and issuing change nothing', async () => {
    const { id, billingCustomerId, erpCustomerId } = await erpCustomer();
    const invoice = (type: string, data: object) =>
      cloudEvent(`billing.invoice.${type}.v1`, { invoiceId: 'INV-9', customer: { erpCustomerId }, ...data });
    await send(BILLING, billingCustomerId, invoice('issued', { amount: '50.00', currency: 'EUR', issuedAt: '2026-11-24T08:00:00Z' }));
    await send(BILLING, billingCustomerId, invoice('paid', { amount: '50.00', currency: 'EUR', paidAt: '2026-11-30T10:00:00Z' }));
    await waitForOrders(id, 1);
    await send(BILLING, billingCustomerId, invoice('voided', { voidedAt: '2026-12-02T09:00:00Z' }));
    await waitForOrders(id, 0);
    const unpaid = { invoiceId: 'INV-unpaid', customer: { erpCustomerId }, voidedAt: '2026-12-02T09:00:00Z' };
    await send(BILLING, billingCustomerId, cloudEvent('billing.invoice.voided.v1', unpaid));
    await send(BILLING, billingCustomerId, paid(billingCustomerId, 'INV-10'));
    await waitForOrders(id, 1);

    const events = await history(id);
    expect(events.slice(-3).map((event) => [event.type, event.data.orderId])).toEqual([
      ['CustomerPurchaseRecorded', 'INV-9'],
      ['CustomerPurchaseReversed', 'INV-9'],
      ['CustomerPurchaseRecorded', 'INV-10'],
    ]);
    expect(events.at(-2)?.data).toEqual({
      customerId: id,
      orderId: 'INV-9',
      amount: '50',
      currency: 'EUR',
      reversedAt: '2026-12-02T09:00:00.000Z',
    });
  }, 60_000);

  it("records an invoice's lines as the purchase's items and takes a credit note's lines back from its total, once", async () => {
    const { id, billingCustomerId } = await erpCustomer();
    const lines = [
      { sku: 'FLT-10', name: 'Filter cartridge', category: 'spare-parts', quantity: '4', unitPrice: '25.00', amount: '100.00' },
      { sku: 'PRS-SRV', name: 'Press service', category: 'services', quantity: '1', unitPrice: '100.00', amount: '100.00' },
    ];
    await send(BILLING, billingCustomerId, {
      ...paid(billingCustomerId, 'INV-L', '200.00'),
      data: { ...paid(billingCustomerId, 'INV-L', '200.00').data, lines },
    });
    const credit = {
      invoiceId: 'INV-L',
      customer: { billingCustomerId },
      creditNoteId: 'CN-1',
      lines: [{ sku: 'FLT-10', quantity: '2' }],
      creditedAt: '2026-12-01T09:00:00Z',
    };
    await send(BILLING, billingCustomerId, cloudEvent('billing.invoice.credited.v1', credit));
    await send(BILLING, billingCustomerId, cloudEvent('billing.invoice.credited.v1', credit)); // the same note under a new message id
    await send(BILLING, billingCustomerId, paid(billingCustomerId, 'INV-M', '10.00')); // after both on the partition
    await waitForOrders(id, 2);

    expect(await customer(id)).toMatchObject({ purchases: { orderCount: 2, byCurrency: { EUR: { orders: 2, total: '160' } } } });
    const events = await history(id);
    expect(events.filter((event) => event.type === 'CustomerPurchaseRecorded')[0].data.items).toHaveLength(2);
    expect(events.filter((event) => event.type === 'CustomerPurchaseItemsReturned').map((event) => event.data)).toEqual([
      {
        customerId: id,
        orderId: 'INV-L',
        returnId: 'CN-1',
        items: [{ sku: 'FLT-10', quantity: '2', amount: '50' }],
        amount: '50',
        currency: 'EUR',
        returnedAt: '2026-12-01T09:00:00.000Z',
      },
    ]);
  }, 60_000);

  it('registers a lead from a web form, logs a call from its phone on it, and dead-letters a call about nobody', async () => {
    const email = `lead-${randomUUID().slice(0, 8)}@example.com`;
    const formKey = `form-${randomUUID().slice(0, 8)}`;
    await send(
      LEADS,
      formKey,
      cloudEvent('intake.lead.captured.v1', {
        contact: { email, phone: '+420 601 234 567', name: 'Jana Novak' },
        source: { system: 'website', campaign: 'winter-service-2026' },
        capturedAt: '2026-12-03T11:19:30Z',
        message: 'Please send a quote.',
      }),
    );
    const found = await eventually('the lead', async () => {
      const response = await api.http().get('/v1/customers').query({ q: email }).expect(200);
      return (response.body.items as { customerId: string; interactions: { count: number } }[])[0];
    });
    expect(await customer(found.customerId)).toMatchObject({ kind: 'person', name: 'Jana Novak', lifecycleStage: 'lead', email });

    const callKey = `call-${randomUUID().slice(0, 8)}`;
    const call = (contact: object) =>
      cloudEvent('intake.interaction.logged.v1', { contact, channel: 'phone', occurredAt: '2026-12-03T12:00:00Z', subject: 'Quote' });
    const nobody = call({ customerId: randomUUID() });
    const rejected = await send(INTERACTIONS, callKey, nobody);
    await send(INTERACTIONS, callKey, call({ phone: '+420 (601) 234-567' }));
    await eventually('the call on the lead', async () => ((await customer(found.customerId))?.interactions.count === 2 ? true : undefined));
    const registered = (await history(found.customerId)).filter((event) => event.type === 'CustomerRegistered');
    expect(registered).toHaveLength(1);

    const [dead] = await readDeadLetters(kafka, `${INTERACTIONS}.dlq`, callKey, 1);
    expect(Object.fromEntries(Object.entries(dead.headers ?? {}).map(([name, value]) => [name, String(value)]))).toMatchObject({
      'dlq-error-type': 'rejected',
      'dlq-error-code': 'customer-not-found',
      'dlq-original-topic': INTERACTIONS,
      'dlq-original-offset': rejected.offset,
    });
    expect(String(dead.value)).toBe(JSON.stringify(nobody));
  }, 60_000);

  it('archives a customer deactivated in the ERP', async () => {
    const { id, erpCustomerId } = await erpCustomer();
    await send(ERP, erpCustomerId, cloudEvent('erp.customer.deactivated.v1', { erpCustomerId, reason: 'Merged into E-1' }));
    expect(
      await eventually('the archiving', async () => {
        const current = await customer(id);
        return current?.status === 'archived' ? current : undefined;
      }),
    ).toMatchObject({ archiveReason: 'Merged into E-1' });
  }, 60_000);
});

/** An independent reader of a dead-letter topic (its own group), as an operator's tool would be. */
async function readDeadLetters(kafka: Kafka, topic: string, key: string, count: number): Promise<KafkaMessage[]> {
  const consumer: Consumer = kafka.consumer({ groupId: `e2e-dlq-${randomUUID()}` });
  const found: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (String(message.key) === key) found.push(message);
      },
    });
    return await eventually(`${count} dead letters`, async () => (found.length >= count ? found : undefined));
  } finally {
    await consumer.disconnect();
  }
}
