/**
 * JSON Schemas of one imported line per kind: the body of the matching HTTP command (POST /v1/customers, POST
 * /v1/customers/:id/purchases, POST /v1/interactions, POST /v1/deals) plus the customer as `customerId` or
 * `externalRefs`. Shapes only: the domain checks the values (e-mail, country, amounts) as it does for every command.
 * Unknown fields are refused, so a typo in a column name is an error, not a silently dropped value.
 * openapi.e2e-spec.ts keeps the fields in step with the HTTP bodies.
 */
const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength });
const externalRefs = {
  type: 'object',
  minProperties: 1,
  maxProperties: 20,
  propertyNames: { pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 50 },
  additionalProperties: text(200),
  description: 'Ids of the customer in other systems, e.g. {"erp": "100234"}: the upsert key',
};
const customerId = { type: 'string', format: 'uuid', description: "Ledgerline's customer id" };
const customFieldValue = { type: ['string', 'number', 'boolean'] };
const identifiedBy = [{ required: ['customerId'] }, { required: ['externalRefs'] }];

const postalAddress = {
  type: 'object',
  required: ['city', 'country'],
  additionalProperties: false,
  properties: { street: text(300), city: text(100), region: text(100), postcode: text(20), country: { type: 'string' } },
};

export const CUSTOMER_LINE_SCHEMA = {
  type: 'object',
  required: ['kind', 'name'],
  anyOf: identifiedBy,
  additionalProperties: false,
  properties: {
    customerId,
    externalRefs,
    kind: { type: 'string', enum: ['company', 'person'] },
    name: text(200),
    email: text(254),
    phone: text(40),
    country: { type: 'string' },
    industry: text(100),
    owner: text(200),
    tags: { type: 'array', maxItems: 50, items: text(50) },
    customFields: { type: 'object', maxProperties: 50, additionalProperties: customFieldValue },
    lifecycleStage: { type: 'string', enum: ['lead', 'prospect', 'customer', 'churned'] },
    addresses: {
      type: 'object',
      additionalProperties: false,
      properties: { billing: postalAddress, shipping: postalAddress, visiting: postalAddress },
      description: 'In a CSV file, one column per part: addresses.billing.city, addresses.visiting.street...',
    },
  },
} as const;

export const PURCHASE_LINE_SCHEMA = {
  type: 'object',
  required: ['orderId', 'amount', 'currency', 'occurredAt'],
  anyOf: identifiedBy,
  additionalProperties: false,
  properties: {
    customerId,
    externalRefs,
    orderId: text(200),
    amount: { type: 'string' },
    currency: { type: 'string' },
    occurredAt: { type: 'string' },
    items: { type: 'array', description: 'The lines of the purchase, as on POST /v1/customers/:id/purchases' },
  },
} as const;

export const INTERACTION_LINE_SCHEMA = {
  type: 'object',
  required: ['channel', 'direction', 'occurredAt'],
  anyOf: identifiedBy,
  additionalProperties: false,
  properties: {
    id: { type: 'string', format: 'uuid', description: "The interaction's id; derived from the line when absent" },
    customerId,
    externalRefs,
    dealId: { type: 'string', format: 'uuid' },
    channel: { type: 'string' },
    direction: { type: 'string' },
    occurredAt: { type: 'string' },
    subject: text(200),
    summary: text(10_000),
    outcome: text(200),
    followUpDueDate: { type: 'string' },
  },
} as const;

const dealIdentifiedBy = [{ required: ['id'] }, { required: ['dealRef'] }];

export const DEAL_LINE_SCHEMA = {
  type: 'object',
  required: ['title', 'amount', 'currency'],
  allOf: [
    { anyOf: identifiedBy },
    // Both would name the deal twice, perhaps two deals.
    { oneOf: dealIdentifiedBy },
    // A lost deal says why; a reason on a deal not lost would be dropped silently.
    {
      if: { required: ['status'], properties: { status: { const: 'lost' } } },
      then: { required: ['lostReason'] },
      else: { not: { required: ['lostReason'] } },
    },
  ],
  additionalProperties: false,
  properties: {
    id: { type: 'string', format: 'uuid', description: "The deal's id here; else derived from dealRef" },
    dealRef: {
      ...externalRefs,
      maxProperties: 1,
      description: 'The id of the deal in the system it comes from, e.g. {"salesforce": "0065g00000AbCdE"}: its natural key',
    },
    customerId,
    externalRefs,
    title: text(200),
    amount: { type: 'string' },
    currency: { type: 'string' },
    pipelineId: { type: 'string', format: 'uuid' },
    stageId: { type: 'string' },
    expectedCloseDate: { type: 'string' },
    owner: text(200),
    status: { type: 'string', enum: ['open', 'won', 'lost'], description: 'Defaults to open' },
    lostReason: text(500),
  },
} as const;
