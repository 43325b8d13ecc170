import { loadAsyncApiContract, type AsyncApiContract } from '../testing/asyncapi-contract';
import { ERP_UPSERTED, INBOUND_SAMPLES, INTAKE_CALL, INTAKE_LEAD, INVOICE_PAID } from '../testing/inbound-samples';
import {
  BILLING_INVOICE_TOPIC,
  ERP_CUSTOMER_TOPIC,
  INTERACTION_INTAKE_TOPIC,
  LEAD_INTAKE_TOPIC,
  readInboundMessage,
} from './inbound-messages';
import { InboundRejection } from './inbound-rejection';
import { INBOUND_MESSAGE_SCHEMAS } from './inbound-schemas';

const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
const TOPIC_BY_PREFIX: Readonly<Record<string, string>> = {
  erp: ERP_CUSTOMER_TOPIC,
  billing: BILLING_INVOICE_TOPIC,
  'intake.interaction': INTERACTION_INTAKE_TOPIC,
  'intake.lead': LEAD_INTAKE_TOPIC,
};
const topicOf = (type: string) => TOPIC_BY_PREFIX[Object.keys(TOPIC_BY_PREFIX).find((prefix) => type.startsWith(`${prefix}.`)) ?? ''];

/** The parser's view of a schema without its annotations, to compare with the one the consumer runs. */
const withoutParserAnnotations = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(withoutParserAnnotations)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([key]) => !key.startsWith('x-parser-'))
            .map(([key, inner]) => [key, withoutParserAnnotations(inner)]),
        )
      : value;

const rejectionOf = (topic: string, value: Buffer | null): InboundRejection | undefined => {
  try {
    readInboundMessage(topic, value);
    return undefined;
  } catch (error) {
    if (error instanceof InboundRejection) return error;
    throw error;
  }
};

describe('inbound contracts (docs/asyncapi.yaml)', () => {
  let contract: AsyncApiContract;
  beforeAll(async () => {
    contract = await loadAsyncApiContract();
  });

  it('documents exactly the schemas the consumer validates with', () => {
    for (const [id, schema] of Object.entries(INBOUND_MESSAGE_SCHEMAS)) {
      expect({ id, schema: withoutParserAnnotations(contract.schemas[id]) }).toEqual({ id, schema });
    }
  });

  it.each(INBOUND_SAMPLES.map((sample) => [sample.type, sample]))('documents %s on its topic, with a valid sample', (type, sample) => {
    const validate = contract.validatorFor(type);
    expect(validate?.(sample) ? [] : (validate?.errors ?? 'not documented')).toEqual([]);
    expect(contract.topicOf.get(type)).toBe(topicOf(type));
    expect(readInboundMessage(topicOf(type), bytes(sample))).toEqual(sample);
  });

  it.each([
    ['not JSON', ERP_CUSTOMER_TOPIC, bytes('{"specversion": "1.0", '), 'not-json'],
    ['an empty value (a tombstone)', ERP_CUSTOMER_TOPIC, null, 'not-json'],
    ['JSON that is no CloudEvent', ERP_CUSTOMER_TOPIC, bytes({ erpCustomerId: '1' }), 'not-a-cloud-event'],
    ['a CloudEvent without an id', ERP_CUSTOMER_TOPIC, bytes({ ...ERP_UPSERTED, id: '' }), 'not-a-cloud-event'],
    ['a type of another topic', BILLING_INVOICE_TOPIC, bytes(ERP_UPSERTED), 'unknown-type'],
    ['a type of no topic', ERP_CUSTOMER_TOPIC, bytes({ ...ERP_UPSERTED, type: 'erp.customer.upserted.v2' }), 'unknown-type'],
  ])('refuses %s as malformed', (_case, topic, value, code) => {
    expect(rejectionOf(topic, value)).toMatchObject({ kind: 'malformed', code });
  });

  it.each([
    ['an amount given as a number', { ...INVOICE_PAID, data: { ...INVOICE_PAID.data, amount: 1190 } }],
    ['an invoice for nobody', { ...INVOICE_PAID, data: { ...INVOICE_PAID.data, customer: {} } }],
    ['a payment without its time', { ...INVOICE_PAID, data: { ...INVOICE_PAID.data, paidAt: undefined } }],
    ['a time without a zone', { ...INVOICE_PAID, data: { ...INVOICE_PAID.data, paidAt: '2026-11-30T10:12:00' } }],
    ['a blank name', { ...ERP_UPSERTED, data: { ...ERP_UPSERTED.data, name: '  ' } }],
    ['a kind Ledgerline does not know', { ...ERP_UPSERTED, data: { ...ERP_UPSERTED.data, kind: 'household' } }],
    ['a lower-case country', { ...ERP_UPSERTED, data: { ...ERP_UPSERTED.data, country: 'de' } }],
    ['an address type Ledgerline does not know', { ...ERP_UPSERTED, data: { ...ERP_UPSERTED.data, addresses: { home: null } } }],
    [
      'an address without a city',
      { ...ERP_UPSERTED, data: { ...ERP_UPSERTED.data, addresses: { billing: { street: 'Königstraße 1', country: 'DE' } } } },
    ],
    ['a call about nobody', { ...INTAKE_CALL, data: { ...INTAKE_CALL.data, contact: { name: 'Jana Novak' } } }],
    ['a channel Ledgerline does not know', { ...INTAKE_CALL, data: { ...INTAKE_CALL.data, channel: 'fax' } }],
    ['a lead without its source', { ...INTAKE_LEAD, data: { ...INTAKE_LEAD.data, source: undefined } }],
    [
      'an external id system that is no slug',
      { ...INTAKE_LEAD, data: { ...INTAKE_LEAD.data, contact: { externalRefs: { 'Help Desk': '1' } } } },
    ],
  ])('refuses %s, as the documented schema does', (_case, message) => {
    const rejection = rejectionOf(topicOf(message.type), bytes(message));
    expect(rejection).toMatchObject({ kind: 'malformed', code: 'schema-violation' });
    expect(rejection?.message).toMatch(/^Not a valid /);
    expect(contract.validatorFor(message.type)?.(JSON.parse(JSON.stringify(message)))).toBe(false);
  });

  it('says where a value is not JSON, never what it holds (a reason lands in headers and logs)', () => {
    expect(rejectionOf(ERP_CUSTOMER_TOPIC, bytes('jane.doe@example.com'))?.message).toBe('The value is not JSON');
    expect(rejectionOf(ERP_CUSTOMER_TOPIC, bytes('{"email": "jane.doe@example.com", oops'))?.message).toBe(
      'The value is not JSON (at position 34)',
    );
  });

  it('reads fields it does not know yet (a producer may add optional ones to a .v1)', () => {
    const later = { ...INVOICE_PAID, traceparent: '00-abc', data: { ...INVOICE_PAID.data, paymentMethod: 'sepa' } };
    expect(readInboundMessage(BILLING_INVOICE_TOPIC, bytes(later))).toEqual(later);
  });
});
