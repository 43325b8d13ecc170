/**
 * JSON Schemas of the inbound messages: what the consumer validates at run time. docs/asyncapi.yaml documents
 * the same schemas under the same ids (components/schemas), and inbound-contracts.spec.ts keeps the two equal.
 * Data objects accept fields they do not know (tolerant reader): a producer may add optional fields to a `.v1`.
 */
import { INTAKE_DATA_SCHEMAS } from './intake-schemas';
import { amount, currency, externalId, instant, nullable, text } from './schema-fragments';

export const INBOUND_CLOUD_EVENT = {
  type: 'object',
  required: ['specversion', 'id', 'source', 'type', 'time', 'datacontenttype', 'data'],
  properties: {
    specversion: { type: 'string', const: '1.0' },
    id: { ...text(200), description: 'Unique per topic: Ledgerline applies each id once (a repeat changes nothing)' },
    source: { ...text(500), description: 'The producing system, e.g. urn:acme:erp' },
    type: { type: 'string' },
    subject: { type: 'string', maxLength: 200 },
    time: instant,
    datacontenttype: { type: 'string', const: 'application/json' },
    data: { type: 'object' },
  },
};

const customerReference = {
  type: 'object',
  description: 'Who the invoice is for: Ledgerline takes the first of these it knows, in this order',
  anyOf: [{ required: ['customerId'] }, { required: ['billingCustomerId'] }, { required: ['erpCustomerId'] }],
  properties: {
    customerId: { type: 'string', format: 'uuid', description: "Ledgerline's customer id" },
    billingCustomerId: { ...externalId, description: 'The id linked on the customer as external reference "billing"' },
    erpCustomerId: { ...externalId, description: 'The id linked on the customer as external reference "erp"' },
  },
};

const postalAddress = {
  type: 'object',
  required: ['city', 'country'],
  properties: {
    street: nullable(text(300)),
    city: text(100),
    region: nullable(text(100)),
    postcode: nullable(text(20)),
    country: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' },
  },
};

/** What Ledgerline needs of a quantity: a positive decimal as a string, like an amount. */
const quantity = { type: 'string', pattern: '^\\d{1,15}(\\.\\d{1,4})?$', description: 'Positive decimal as a string' };

const invoiceLine = {
  type: 'object',
  required: ['sku', 'name', 'quantity', 'unitPrice', 'amount'],
  properties: {
    sku: text(100),
    name: text(200),
    category: nullable(text(100)),
    quantity,
    unitPrice: amount,
    amount: { ...amount, description: "The line's total as billed, after line discounts" },
  },
};

const creditedLine = {
  type: 'object',
  required: ['sku', 'quantity'],
  properties: { sku: text(100), quantity },
};

const DATA_SCHEMAS = {
  erp_customer_upserted_v1_data: {
    type: 'object',
    required: ['erpCustomerId', 'kind', 'name'],
    properties: {
      erpCustomerId: externalId,
      kind: { type: 'string', enum: ['company', 'person'], description: 'Used when the customer is created; never changed' },
      name: text(200),
      email: nullable({ type: 'string', maxLength: 254 }),
      phone: nullable({ type: 'string', maxLength: 50 }),
      country: nullable({ type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
      industry: nullable(text(100)),
      billingCustomerId: nullable({ ...externalId, description: 'Linked as external reference "billing"; null unlinks it' }),
      addresses: {
        type: 'object',
        description: 'Per address type: the address, or null to remove it; types left out stay as they are',
        additionalProperties: false,
        properties: { billing: nullable(postalAddress), shipping: nullable(postalAddress), visiting: nullable(postalAddress) },
      },
    },
  },
  erp_customer_deactivated_v1_data: {
    type: 'object',
    required: ['erpCustomerId'],
    properties: { erpCustomerId: externalId, reason: nullable({ type: 'string', maxLength: 500 }) },
  },
  billing_invoice_issued_v1_data: {
    type: 'object',
    required: ['invoiceId', 'customer', 'amount', 'currency', 'issuedAt'],
    properties: {
      invoiceId: externalId,
      customer: customerReference,
      amount,
      currency,
      issuedAt: instant,
      dueDate: { type: 'string', format: 'date' },
    },
  },
  billing_invoice_paid_v1_data: {
    type: 'object',
    required: ['invoiceId', 'customer', 'amount', 'currency', 'paidAt'],
    properties: {
      invoiceId: externalId,
      customer: customerReference,
      amount,
      currency,
      paidAt: instant,
      lines: {
        type: 'array',
        minItems: 1,
        maxItems: 500,
        items: invoiceLine,
        description: 'Optional: the lines billed, each SKU once, adding up to amount',
      },
    },
  },
  billing_invoice_credited_v1_data: {
    type: 'object',
    required: ['invoiceId', 'customer', 'creditNoteId', 'lines', 'creditedAt'],
    properties: {
      invoiceId: externalId,
      customer: customerReference,
      creditNoteId: { ...externalId, description: 'Each credit note is applied once, whatever the message id' },
      lines: { type: 'array', minItems: 1, maxItems: 500, items: creditedLine, description: 'The quantities of lines taken back' },
      creditedAt: instant,
    },
  },
  billing_invoice_voided_v1_data: {
    type: 'object',
    required: ['invoiceId', 'customer', 'voidedAt'],
    properties: {
      invoiceId: externalId,
      customer: customerReference,
      voidedAt: instant,
      reason: nullable({ type: 'string', maxLength: 500 }),
    },
  },
  ...INTAKE_DATA_SCHEMAS,
} as const;

type DataSchemaId = keyof typeof DATA_SCHEMAS;
type MessageId = DataSchemaId extends `${infer Id}_data` ? Id : never;

const message = (type: string, data: DataSchemaId) => ({
  allOf: [
    INBOUND_CLOUD_EVENT,
    { type: 'object', required: ['type', 'data'], properties: { type: { type: 'string', const: type }, data: DATA_SCHEMAS[data] } },
  ],
});

/** Per message id (as in docs/asyncapi.yaml): the whole CloudEvent's schema. */
export const INBOUND_MESSAGE_SCHEMAS: Readonly<Record<MessageId, object>> = {
  erp_customer_upserted_v1: message('erp.customer.upserted.v1', 'erp_customer_upserted_v1_data'),
  erp_customer_deactivated_v1: message('erp.customer.deactivated.v1', 'erp_customer_deactivated_v1_data'),
  billing_invoice_issued_v1: message('billing.invoice.issued.v1', 'billing_invoice_issued_v1_data'),
  billing_invoice_paid_v1: message('billing.invoice.paid.v1', 'billing_invoice_paid_v1_data'),
  billing_invoice_voided_v1: message('billing.invoice.voided.v1', 'billing_invoice_voided_v1_data'),
  billing_invoice_credited_v1: message('billing.invoice.credited.v1', 'billing_invoice_credited_v1_data'),
  intake_interaction_logged_v1: message('intake.interaction.logged.v1', 'intake_interaction_logged_v1_data'),
  intake_lead_captured_v1: message('intake.lead.captured.v1', 'intake_lead_captured_v1_data'),
};
