import { randomUUID } from 'node:crypto';
import { DEFAULT_PIPELINE, type DomainEvent } from '@ledgerline/domain';
import { eventHash, GENESIS_HASH, type RecordedEvent } from '@ledgerline/event-store';

export const CUSTOMER_ID = '7a1b2c3d-1111-4e5f-8a9b-000000000001';
export const DEAL_ID = '7a1b2c3d-2222-4e5f-8a9b-000000000001';
export const INTERACTION_ID = '7a1b2c3d-3333-4e5f-8a9b-000000000001';
const PIPELINE_ID = DEFAULT_PIPELINE.pipelineId;
const AT = '2026-11-20T10:00:00.000Z';

/** One realistic example of every internal event of the published record kinds, in a plausible order. */
export const SAMPLE_EVENTS: readonly DomainEvent[] = [
  {
    type: 'CustomerRegistered',
    data: {
      customerId: CUSTOMER_ID,
      kind: 'company',
      name: 'Acme GmbH',
      email: 'buyer@acme.example',
      phone: '+49 30 1',
      country: 'DE',
      industry: 'Tools',
      owner: 'ana',
      tags: ['vip'],
      customFields: { seats: 40 },
      lifecycleStage: 'lead',
      registeredAt: AT,
    },
  },
  {
    type: 'CustomerProfileUpdated',
    data: {
      customerId: CUSTOMER_ID,
      changes: { name: { from: 'Acme GmbH', to: 'Acme AG' }, email: { from: 'buyer@acme.example', to: 'ops@acme.example' } },
    },
  },
  { type: 'CustomerLifecycleStageChanged', data: { customerId: CUSTOMER_ID, from: 'lead', to: 'prospect' } },
  { type: 'CustomerOwnerAssigned', data: { customerId: CUSTOMER_ID, from: 'ana', to: 'bob' } },
  { type: 'CustomerTagsAdded', data: { customerId: CUSTOMER_ID, tags: ['enterprise'] } },
  { type: 'CustomerTagsRemoved', data: { customerId: CUSTOMER_ID, tags: ['vip'] } },
  {
    type: 'CustomerExternalReferenceLinked',
    data: { customerId: CUSTOMER_ID, system: 'erp', externalId: 'C-10042', previousExternalId: null },
  },
  { type: 'CustomerExternalReferenceUnlinked', data: { customerId: CUSTOMER_ID, system: 'erp', externalId: 'C-10042' } },
  {
    type: 'CustomerAddressSet',
    data: {
      customerId: CUSTOMER_ID,
      addressType: 'billing',
      address: { street: 'Hauptstraße 1', city: 'Berlin', region: null, postcode: '10115', country: 'DE' },
    },
  },
  { type: 'CustomerAddressRemoved', data: { customerId: CUSTOMER_ID, addressType: 'shipping' } },
  {
    type: 'CustomerPurchaseRecorded',
    data: {
      customerId: CUSTOMER_ID,
      orderId: 'SO-1',
      amount: '1250.5',
      currency: 'EUR',
      occurredAt: AT,
      items: [
        { sku: 'DRL-18V', name: 'Cordless drill 18 V', category: 'power-tools', quantity: '5', unitPrice: '250.1', amount: '1250.5' },
      ],
    },
  },
  {
    type: 'CustomerPurchaseItemsReturned',
    data: {
      customerId: CUSTOMER_ID,
      orderId: 'SO-1',
      returnId: 'CN-1',
      items: [{ sku: 'DRL-18V', quantity: '1', amount: '250.1' }],
      amount: '250.1',
      currency: 'EUR',
      returnedAt: AT,
    },
  },
  {
    type: 'CustomerPurchaseReversed',
    data: { customerId: CUSTOMER_ID, orderId: 'SO-1', amount: '1250.5', currency: 'EUR', reversedAt: AT },
  },
  {
    type: 'DealOpened',
    data: {
      dealId: DEAL_ID,
      customerId: CUSTOMER_ID,
      title: '40 seats',
      amount: '12000',
      currency: 'EUR',
      pipelineId: PIPELINE_ID,
      stageId: 'lead-in',
      probability: 10,
      expectedCloseDate: '2026-12-31',
      owner: 'ana',
      openedAt: AT,
    },
  },
  { type: 'DealStageChanged', data: { dealId: DEAL_ID, from: 'lead-in', to: 'proposal', probability: 50, changedAt: AT } },
  {
    type: 'DealAmountChanged',
    data: { dealId: DEAL_ID, from: { amount: '12000', currency: 'EUR' }, to: { amount: '15000', currency: 'EUR' } },
  },
  { type: 'DealExpectedCloseDateChanged', data: { dealId: DEAL_ID, from: '2026-12-31', to: null } },
  { type: 'DealRenamed', data: { dealId: DEAL_ID, from: '40 seats', to: '50 seats' } },
  { type: 'DealReassigned', data: { dealId: DEAL_ID, from: 'ana', to: 'bob' } },
  { type: 'DealLost', data: { dealId: DEAL_ID, reason: 'Chose a competitor', stageId: 'proposal', lostAt: AT } },
  { type: 'DealReopened', data: { dealId: DEAL_ID, from: 'lost', stageId: 'proposal', probability: 50, reopenedAt: AT } },
  { type: 'DealWon', data: { dealId: DEAL_ID, amount: '15000', currency: 'EUR', stageId: 'proposal', wonAt: AT } },
  {
    type: 'InteractionLogged',
    data: {
      interactionId: INTERACTION_ID,
      customerId: CUSTOMER_ID,
      dealId: DEAL_ID,
      channel: 'phone',
      direction: 'outbound',
      occurredAt: AT,
      subject: 'Call',
      summary: 'Talked about seats',
      outcome: 'Interested',
      followUpDueDate: '2026-11-27',
    },
  },
  {
    type: 'InteractionAmended',
    data: {
      interactionId: INTERACTION_ID,
      changes: { channel: { from: 'phone', to: 'meeting' }, summary: { from: 'Talked about seats', to: 'Met' } },
    },
  },
  { type: 'CustomerArchived', data: { customerId: CUSTOMER_ID, reason: 'Duplicate of another account', archivedAt: AT } },
  { type: 'InteractionDeleted', data: { interactionId: INTERACTION_ID, reason: null, deletedAt: AT } },
  { type: 'CustomerErased', data: { customerId: CUSTOMER_ID, legalBasis: 'consent-withdrawn', requestReference: 'DSR-17', erasedAt: AT } },
] as DomainEvent[];

/** Text of the samples that no public message may carry: contact data, custom fields, free text a person wrote. */
export const UNPUBLISHED_SAMPLE_TEXT: readonly string[] = [
  'buyer@acme.example',
  'ops@acme.example',
  '+49 30 1',
  '"seats"',
  'Talked about seats',
  '"Met"',
  'Interested',
  'Duplicate of another account',
];

export const streamOf = (event: DomainEvent): string => {
  const data = event.data as Record<string, unknown>;
  if (typeof data.interactionId === 'string') return `interaction-${data.interactionId}`;
  if (typeof data.dealId === 'string') return `deal-${data.dealId}`;
  if (typeof data.pipelineId === 'string' && event.type.startsWith('Pipeline')) return `pipeline-${data.pipelineId}`;
  return `customer-${data.customerId}`;
};

/** As the store hands them out: in streams, with revisions, positions and request metadata. */
export function recorded(events: readonly DomainEvent[], firstPosition = 1n): RecordedEvent[] {
  const heads = new Map<string, RecordedEvent>();
  return events.map((event, index) => {
    const streamId = streamOf(event);
    const head = heads.get(streamId);
    const content = {
      id: randomUUID(),
      type: event.type,
      schemaVersion: 1,
      data: event.data as Record<string, unknown>,
      metadata: {
        correlationId: 'corr-1',
        causationId: 'req-1',
        occurredAt: AT,
        actor: { type: 'user', id: 'ana', roles: [] },
        source: 'api',
      },
      streamId,
      revision: head === undefined ? 0 : head.revision + 1,
    };
    const stored = {
      ...content,
      position: firstPosition + BigInt(index),
      recordedAt: new Date(AT),
      hash: eventHash(head?.hash ?? GENESIS_HASH, content),
    };
    heads.set(streamId, stored);
    return stored;
  });
}
