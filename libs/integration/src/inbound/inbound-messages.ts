import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { AddressType, PostalAddressInput, PurchaseItemInput } from '@ledgerline/domain';
import addFormats from 'ajv-formats';
import { InboundRejection } from './inbound-rejection';
import { INBOUND_CLOUD_EVENT, INBOUND_MESSAGE_SCHEMAS } from './inbound-schemas';
import type { IntakeInteractionLogged, IntakeLeadCaptured } from './intake-messages';

export const ERP_CUSTOMER_TOPIC = 'erp.customer.v1';
export const BILLING_INVOICE_TOPIC = 'billing.invoice.v1';
export const INTERACTION_INTAKE_TOPIC = 'intake.interaction.v1';
export const LEAD_INTAKE_TOPIC = 'intake.lead.v1';
export const INBOUND_TOPICS: readonly string[] = [ERP_CUSTOMER_TOPIC, BILLING_INVOICE_TOPIC, INTERACTION_INTAKE_TOPIC, LEAD_INTAKE_TOPIC];
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

/** Who an invoice is for; at least one is set. */
export type CustomerReference = Readonly<{ customerId?: string; billingCustomerId?: string; erpCustomerId?: string }>;

export type Envelope<Type extends string, Data> = Readonly<{
  specversion: '1.0';
  id: string;
  source: string;
  type: Type;
  subject?: string;
  time: string;
  datacontenttype: 'application/json';
  data: Readonly<Data>;
}>;

export type ErpCustomerUpserted = Envelope<
  'erp.customer.upserted.v1',
  {
    erpCustomerId: string;
    kind: 'company' | 'person';
    name: string;
    email?: string | null;
    phone?: string | null;
    country?: string | null;
    industry?: string | null;
    billingCustomerId?: string | null;
    addresses?: Readonly<Partial<Record<AddressType, PostalAddressInput | null>>>;
  }
>;
export type ErpCustomerDeactivated = Envelope<'erp.customer.deactivated.v1', { erpCustomerId: string; reason?: string | null }>;

type Invoice = { invoiceId: string; customer: CustomerReference };
export type InvoiceIssued = Envelope<
  'billing.invoice.issued.v1',
  Invoice & { amount: string; currency: string; issuedAt: string; dueDate?: string }
>;
export type InvoicePaid = Envelope<
  'billing.invoice.paid.v1',
  Invoice & { amount: string; currency: string; paidAt: string; lines?: readonly PurchaseItemInput[] }
>;
/** Part of a paid invoice taken back (a credit note): so much of these lines. */
export type InvoiceCredited = Envelope<
  'billing.invoice.credited.v1',
  Invoice & { creditNoteId: string; lines: readonly Readonly<{ sku: string; quantity: string }>[]; creditedAt: string }
>;
export type InvoiceVoided = Envelope<'billing.invoice.voided.v1', Invoice & { voidedAt: string; reason?: string | null }>;

export type InboundMessage =
  | ErpCustomerUpserted
  | ErpCustomerDeactivated
  | InvoiceIssued
  | InvoicePaid
  | InvoiceCredited
  | InvoiceVoided
  | IntakeInteractionLogged
  | IntakeLeadCaptured;

/** The message types each inbound topic carries, with the id of their schema. */
const TYPES_BY_TOPIC: Readonly<Record<string, Readonly<Record<string, keyof typeof INBOUND_MESSAGE_SCHEMAS>>>> = {
  [ERP_CUSTOMER_TOPIC]: {
    'erp.customer.upserted.v1': 'erp_customer_upserted_v1',
    'erp.customer.deactivated.v1': 'erp_customer_deactivated_v1',
  },
  [BILLING_INVOICE_TOPIC]: {
    'billing.invoice.issued.v1': 'billing_invoice_issued_v1',
    'billing.invoice.paid.v1': 'billing_invoice_paid_v1',
    'billing.invoice.voided.v1': 'billing_invoice_voided_v1',
    'billing.invoice.credited.v1': 'billing_invoice_credited_v1',
  },
  [INTERACTION_INTAKE_TOPIC]: { 'intake.interaction.logged.v1': 'intake_interaction_logged_v1' },
  [LEAD_INTAKE_TOPIC]: { 'intake.lead.captured.v1': 'intake_lead_captured_v1' },
};

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const envelope = ajv.compile(INBOUND_CLOUD_EVENT);
const validators = new Map<string, ValidateFunction>(
  Object.entries(INBOUND_MESSAGE_SCHEMAS).map(([id, schema]) => [id, ajv.compile(schema)]),
);

const describe = (errors: readonly ErrorObject[] | null | undefined): string =>
  [...new Set((errors ?? []).map((error) => `${error.instancePath || '(message)'} ${error.message ?? 'is invalid'}`))].join('; ');

/**
 * A Kafka record's value as the inbound message it claims to be, or a `malformed` rejection saying why not:
 * not JSON, not a CloudEvent, a type this topic does not carry, or data its schema refuses.
 */
export function readInboundMessage(topic: string, value: Buffer | null): InboundMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value?.toString('utf8') ?? '');
  } catch (error) {
    // Where, not what: the parser's own message may quote the value, and reasons end up in headers and logs.
    const at = /at position \d+/.exec(error instanceof Error ? error.message : '')?.[0];
    throw InboundRejection.malformed('not-json', `The value is not JSON${at ? ` (${at})` : ''}`);
  }
  if (!envelope(parsed)) throw InboundRejection.malformed('not-a-cloud-event', `Not a CloudEvent 1.0: ${describe(envelope.errors)}`);
  const type = String((parsed as { type: unknown }).type);
  const schemaId = TYPES_BY_TOPIC[topic]?.[type];
  if (schemaId === undefined) {
    const known = Object.keys(TYPES_BY_TOPIC[topic] ?? {}).join(', ');
    throw InboundRejection.malformed('unknown-type', `${topic} carries ${known}, not ${JSON.stringify(type)}`);
  }
  const validate = validators.get(schemaId) as ValidateFunction;
  if (!validate(parsed)) throw InboundRejection.malformed('schema-violation', `Not a valid ${type}: ${describe(validate.errors)}`);
  return parsed as InboundMessage;
}
