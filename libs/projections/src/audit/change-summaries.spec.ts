import { DEFAULT_PIPELINE, EVENT_TYPES, type DomainEvent } from '@ledgerline/domain';
import { describeEvent, formatMoney, type AuditChanges } from './change-summaries';

const CUSTOMER = '0b6c2d1e-1111-4a1a-8a1a-000000000001';
const RETURN = {
  orderId: 'SO-1',
  returnId: 'CN-7',
  items: [{ sku: 'DRL-18V', quantity: '2', amount: '259.8' }],
  amount: '259.8',
  currency: 'EUR',
  returnedAt: '2026-01-25T00:00:00.000Z',
};
const DEAL = '0b6c2d1e-2222-4a1a-8a1a-000000000001';
const INTERACTION = '0b6c2d1e-3333-4a1a-8a1a-000000000001';
const SEGMENT = '0b6c2d1e-4444-4a1a-8a1a-000000000001';
const PIPELINE = DEFAULT_PIPELINE.pipelineId;

const STAGES = [
  { id: 'lead-in', name: 'Lead in', probability: 10 },
  { id: 'proposal', name: 'Proposal', probability: 50 },
];

/** Given an event, the summary and changes the timeline shows. Every event type has at least one case. */
const CASES: readonly (readonly [string, DomainEvent, string, AuditChanges])[] = [
  [
    'a registration',
    {
      type: 'CustomerRegistered',
      data: {
        customerId: CUSTOMER,
        kind: 'company',
        name: 'Acme',
        email: 'buy@acme.example',
        phone: null,
        country: 'DE',
        industry: null,
        owner: 'ana',
        tags: ['vip'],
        customFields: { plan: 'basic', seats: 40 },
        lifecycleStage: 'lead',
        registeredAt: '2026-01-10T08:00:00.000Z',
      },
    },
    'registered company Acme as lead',
    {
      kind: { from: null, to: 'company' },
      name: { from: null, to: 'Acme' },
      email: { from: null, to: 'buy@acme.example' },
      country: { from: null, to: 'DE' },
      owner: { from: null, to: 'ana' },
      lifecycleStage: { from: null, to: 'lead' },
      'customFields.plan': { from: null, to: 'basic' },
      'customFields.seats': { from: null, to: 40 },
      tags: { added: ['vip'] },
    },
  ],
  [
    'a profile update with custom fields added, changed and removed',
    {
      type: 'CustomerProfileUpdated',
      data: {
        customerId: CUSTOMER,
        changes: {
          name: { from: 'Acme', to: 'Acme AG' },
          email: { from: null, to: 'sales@acme.example' },
          customFields: { plan: { from: 'basic', to: 'pro' }, vip: { from: null, to: true }, seats: { from: 40, to: null } },
        },
      },
    },
    'name: Acme → Acme AG; email: (none) → sales@acme.example; custom field plan: basic → pro; custom field vip: (none) → true; custom field seats: 40 → (none)',
    {
      name: { from: 'Acme', to: 'Acme AG' },
      email: { from: null, to: 'sales@acme.example' },
      'customFields.plan': { from: 'basic', to: 'pro' },
      'customFields.vip': { from: null, to: true },
      'customFields.seats': { from: 40, to: null },
    },
  ],
  [
    'a lifecycle move',
    { type: 'CustomerLifecycleStageChanged', data: { customerId: CUSTOMER, from: 'lead', to: 'prospect' } },
    'lifecycle stage: lead → prospect',
    { lifecycleStage: { from: 'lead', to: 'prospect' } },
  ],
  [
    'a first owner',
    { type: 'CustomerOwnerAssigned', data: { customerId: CUSTOMER, from: null, to: 'ana' } },
    'owner: (none) → ana',
    { owner: { from: null, to: 'ana' } },
  ],
  [
    'tags added',
    { type: 'CustomerTagsAdded', data: { customerId: CUSTOMER, tags: ['enterprise', 'eu'] } },
    'tags: +enterprise, +eu',
    { tags: { added: ['enterprise', 'eu'] } },
  ],
  [
    'a tag removed',
    { type: 'CustomerTagsRemoved', data: { customerId: CUSTOMER, tags: ['vip'] } },
    'tags: -vip',
    { tags: { removed: ['vip'] } },
  ],
  [
    'an external reference replaced',
    {
      type: 'CustomerExternalReferenceLinked',
      data: { customerId: CUSTOMER, system: 'erp', externalId: 'C-2', previousExternalId: 'C-1' },
    },
    'external reference erp: C-1 → C-2',
    { 'externalReferences.erp': { from: 'C-1', to: 'C-2' } },
  ],
  [
    'an external reference unlinked',
    { type: 'CustomerExternalReferenceUnlinked', data: { customerId: CUSTOMER, system: 'billing', externalId: 'B-9' } },
    'external reference billing: B-9 → (none)',
    { 'externalReferences.billing': { from: 'B-9', to: null } },
  ],
  [
    'an address set',
    {
      type: 'CustomerAddressSet',
      data: {
        customerId: CUSTOMER,
        addressType: 'billing',
        address: { street: 'Hauptstraße 1', city: 'Berlin', region: null, postcode: '10115', country: 'DE' },
      },
    },
    'billing address: Hauptstraße 1, 10115 Berlin, DE',
    {
      'addresses.billing': {
        from: null,
        to: { street: 'Hauptstraße 1', city: 'Berlin', region: null, postcode: '10115', country: 'DE' },
      },
    },
  ],
  [
    'an address removed',
    { type: 'CustomerAddressRemoved', data: { customerId: CUSTOMER, addressType: 'shipping' } },
    'shipping address removed',
    { 'addresses.shipping': { from: null, to: null } },
  ],
  [
    'a purchase',
    {
      type: 'CustomerPurchaseRecorded',
      data: {
        customerId: CUSTOMER,
        orderId: 'SO-1',
        amount: '1234567.5',
        currency: 'EUR',
        occurredAt: '2026-01-20T00:00:00.000Z',
        items: [],
      },
    },
    'purchase SO-1: 1,234,567.5 EUR',
    {
      purchases: { added: [{ orderId: 'SO-1', amount: '1234567.5', currency: 'EUR', occurredAt: '2026-01-20T00:00:00.000Z', items: [] }] },
    },
  ],
  [
    'a return of part of a purchase',
    { type: 'CustomerPurchaseItemsReturned', data: { customerId: CUSTOMER, ...RETURN } },
    'purchase SO-1: return CN-7 of 259.8 EUR (2 × DRL-18V)',
    { returns: { added: [RETURN] } },
  ],
  [
    'a purchase reversal',
    {
      type: 'CustomerPurchaseReversed',
      data: { customerId: CUSTOMER, orderId: 'SO-1', amount: '1234567.5', currency: 'EUR', reversedAt: '2026-01-22T00:00:00.000Z' },
    },
    'purchase SO-1 reversed: 1,234,567.5 EUR',
    { purchases: { removed: [{ orderId: 'SO-1', amount: '1234567.5', currency: 'EUR', reversedAt: '2026-01-22T00:00:00.000Z' }] } },
  ],
  [
    'an archiving with a reason',
    { type: 'CustomerArchived', data: { customerId: CUSTOMER, reason: 'duplicate', archivedAt: '2026-03-01T00:00:00.000Z' } },
    'archived: duplicate',
    {
      status: { from: 'active', to: 'archived' },
      archivedAt: { from: null, to: '2026-03-01T00:00:00.000Z' },
      archiveReason: { from: null, to: 'duplicate' },
    },
  ],
  [
    'an archiving without a reason',
    { type: 'CustomerArchived', data: { customerId: CUSTOMER, reason: null, archivedAt: '2026-03-01T00:00:00.000Z' } },
    'archived',
    { status: { from: 'active', to: 'archived' }, archivedAt: { from: null, to: '2026-03-01T00:00:00.000Z' } },
  ],
  [
    'an erasure, with the legal basis and the request it answers',
    {
      type: 'CustomerErased',
      data: { customerId: CUSTOMER, legalBasis: 'objection', requestReference: 'DSR-9', erasedAt: '2026-03-02T00:00:00.000Z' },
    },
    'personal data erased (objection, request DSR-9)',
    {
      status: { from: null, to: 'erased' },
      erasedAt: { from: null, to: '2026-03-02T00:00:00.000Z' },
      legalBasis: { from: null, to: 'objection' },
      requestReference: { from: null, to: 'DSR-9' },
    },
  ],
  [
    'a pipeline defined',
    { type: 'PipelineDefined', data: { pipelineId: PIPELINE, name: 'Sales', stages: STAGES } },
    'defined pipeline Sales: Lead in 10%, Proposal 50%',
    { name: { from: null, to: 'Sales' }, stages: { from: null, to: STAGES } },
  ],
  [
    'a pipeline renamed',
    { type: 'PipelineRenamed', data: { pipelineId: PIPELINE, from: 'Sales', to: 'Enterprise sales' } },
    'name: Sales → Enterprise sales',
    { name: { from: 'Sales', to: 'Enterprise sales' } },
  ],
  [
    'stages renamed, re-weighted, added and reordered',
    {
      type: 'PipelineStagesChanged',
      data: {
        pipelineId: PIPELINE,
        from: STAGES,
        to: [
          { id: 'proposal', name: 'Offer', probability: 60 },
          { id: 'lead-in', name: 'Lead in', probability: 10 },
          { id: 'closing', name: 'Closing', probability: 90 },
        ],
      },
    },
    'stage proposal name: Proposal → Offer; stage proposal probability: 50% → 60%; stage +Closing 90%; stage order: proposal, lead-in, closing',
    {
      stages: {
        from: STAGES,
        to: [
          { id: 'proposal', name: 'Offer', probability: 60 },
          { id: 'lead-in', name: 'Lead in', probability: 10 },
          { id: 'closing', name: 'Closing', probability: 90 },
        ],
      },
    },
  ],
  [
    'a stage appended at the end (no reordering)',
    {
      type: 'PipelineStagesChanged',
      data: { pipelineId: PIPELINE, from: STAGES, to: [...STAGES, { id: 'closing', name: 'Closing', probability: 90 }] },
    },
    'stage +Closing 90%',
    { stages: { from: STAGES, to: [...STAGES, { id: 'closing', name: 'Closing', probability: 90 }] } },
  ],
  [
    'a deal opened',
    {
      type: 'DealOpened',
      data: {
        dealId: DEAL,
        customerId: CUSTOMER,
        title: '40 seats',
        amount: '12000',
        currency: 'EUR',
        pipelineId: PIPELINE,
        stageId: 'lead-in',
        probability: 10,
        expectedCloseDate: '2026-06-30',
        owner: null,
        openedAt: '2026-02-01T08:00:00.000Z',
      },
    },
    'opened 40 seats: 12,000 EUR in lead-in (10%)',
    {
      status: { from: null, to: 'open' },
      customerId: { from: null, to: CUSTOMER },
      title: { from: null, to: '40 seats' },
      pipelineId: { from: null, to: PIPELINE },
      stageId: { from: null, to: 'lead-in' },
      probability: { from: null, to: 10 },
      expectedCloseDate: { from: null, to: '2026-06-30' },
      amount: { from: null, to: { amount: '12000', currency: 'EUR' } },
    },
  ],
  [
    'a stage change',
    {
      type: 'DealStageChanged',
      data: { dealId: DEAL, from: 'proposal', to: 'negotiation', probability: 75, changedAt: '2026-02-10T00:00:00.000Z' },
    },
    'stage: proposal → negotiation (75%)',
    { stageId: { from: 'proposal', to: 'negotiation' } },
  ],
  [
    'an amount change',
    {
      type: 'DealAmountChanged',
      data: { dealId: DEAL, from: { amount: '12000', currency: 'EUR' }, to: { amount: '999.99', currency: 'USD' } },
    },
    'amount: 12,000 EUR → 999.99 USD',
    { amount: { from: { amount: '12000', currency: 'EUR' }, to: { amount: '999.99', currency: 'USD' } } },
  ],
  [
    'an expected close date cleared',
    { type: 'DealExpectedCloseDateChanged', data: { dealId: DEAL, from: '2026-06-30', to: null } },
    'expected close date: 2026-06-30 → (none)',
    { expectedCloseDate: { from: '2026-06-30', to: null } },
  ],
  [
    'a deal renamed',
    { type: 'DealRenamed', data: { dealId: DEAL, from: '40 seats', to: '50 seats' } },
    'title: 40 seats → 50 seats',
    { title: { from: '40 seats', to: '50 seats' } },
  ],
  [
    'a deal reassigned',
    { type: 'DealReassigned', data: { dealId: DEAL, from: 'ana', to: 'bob' } },
    'owner: ana → bob',
    { owner: { from: 'ana', to: 'bob' } },
  ],
  [
    'a deal won',
    {
      type: 'DealWon',
      data: { dealId: DEAL, amount: '12000', currency: 'EUR', stageId: 'negotiation', wonAt: '2026-03-01T00:00:00.000Z' },
    },
    'won 12,000 EUR in negotiation',
    { status: { from: 'open', to: 'won' }, closedAt: { from: null, to: '2026-03-01T00:00:00.000Z' } },
  ],
  [
    'a deal lost',
    { type: 'DealLost', data: { dealId: DEAL, reason: 'too expensive', stageId: 'proposal', lostAt: '2026-03-01T00:00:00.000Z' } },
    'lost in proposal: too expensive',
    {
      status: { from: 'open', to: 'lost' },
      closedAt: { from: null, to: '2026-03-01T00:00:00.000Z' },
      lostReason: { from: null, to: 'too expensive' },
    },
  ],
  [
    'a deal reopened',
    {
      type: 'DealReopened',
      data: { dealId: DEAL, from: 'lost', stageId: 'proposal', probability: 50, reopenedAt: '2026-03-05T00:00:00.000Z' },
    },
    'reopened (was lost) in proposal (50%)',
    { status: { from: 'lost', to: 'open' }, stageId: { from: null, to: 'proposal' } },
  ],
  [
    'an interaction logged',
    {
      type: 'InteractionLogged',
      data: {
        interactionId: INTERACTION,
        customerId: CUSTOMER,
        dealId: DEAL,
        channel: 'phone',
        direction: 'outbound',
        occurredAt: '2026-02-03T10:00:00.000Z',
        subject: 'Kick-off',
        summary: null,
        outcome: null,
        followUpDueDate: null,
      },
    },
    'logged outbound phone: Kick-off',
    {
      status: { from: null, to: 'logged' },
      customerId: { from: null, to: CUSTOMER },
      dealId: { from: null, to: DEAL },
      channel: { from: null, to: 'phone' },
      direction: { from: null, to: 'outbound' },
      occurredAt: { from: null, to: '2026-02-03T10:00:00.000Z' },
      subject: { from: null, to: 'Kick-off' },
    },
  ],
  [
    'an interaction amended, with a long text cut short in the summary only',
    {
      type: 'InteractionAmended',
      data: {
        interactionId: INTERACTION,
        changes: {
          occurredAt: { from: '2026-02-03T10:00:00.000Z', to: '2026-02-03T11:30:00.000Z' },
          summary: { from: null, to: 'x'.repeat(100) },
          followUpDueDate: { from: '2026-02-10', to: null },
        },
      },
    },
    `occurred at: 2026-02-03 10:00 UTC → 2026-02-03 11:30 UTC; summary: (none) → ${'x'.repeat(79)}…; follow-up due: 2026-02-10 → (none)`,
    {
      occurredAt: { from: '2026-02-03T10:00:00.000Z', to: '2026-02-03T11:30:00.000Z' },
      summary: { from: null, to: 'x'.repeat(100) },
      followUpDueDate: { from: '2026-02-10', to: null },
    },
  ],
  [
    'an interaction deleted',
    { type: 'InteractionDeleted', data: { interactionId: INTERACTION, reason: null, deletedAt: '2026-02-06T00:00:00.000Z' } },
    'deleted',
    { status: { from: 'logged', to: 'deleted' }, deletedAt: { from: null, to: '2026-02-06T00:00:00.000Z' } },
  ],
  [
    'a segment defined',
    {
      type: 'SegmentDefined',
      data: {
        segmentId: SEGMENT,
        name: 'VIP',
        description: null,
        rule: { fact: 'tags', op: 'hasAny', value: ['vip'] },
        definedAt: '2026-02-06T00:00:00.000Z',
      },
    },
    'defined segment VIP: {"fact":"tags","op":"hasAny","value":["vip"]}',
    {
      status: { from: null, to: 'active' },
      name: { from: null, to: 'VIP' },
      rule: { from: null, to: { fact: 'tags', op: 'hasAny', value: ['vip'] } },
    },
  ],
  [
    'a segment redefined',
    {
      type: 'SegmentRedefined',
      data: {
        segmentId: SEGMENT,
        changes: { name: { from: 'VIP', to: 'Top' }, description: { from: null, to: 'Best customers' } },
        redefinedAt: '2026-02-07T00:00:00.000Z',
      },
    },
    'name: VIP → Top; description: (none) → Best customers',
    { name: { from: 'VIP', to: 'Top' }, description: { from: null, to: 'Best customers' } },
  ],
  [
    'a segment retired',
    { type: 'SegmentRetired', data: { segmentId: SEGMENT, reason: 'Campaign over', retiredAt: '2026-02-08T00:00:00.000Z' } },
    'retired: Campaign over',
    {
      status: { from: 'active', to: 'retired' },
      retiredAt: { from: null, to: '2026-02-08T00:00:00.000Z' },
      retireReason: { from: null, to: 'Campaign over' },
    },
  ],
];

describe('change summaries', () => {
  it.each(CASES)('summarises %s', (_name, event, summary, changes) => {
    expect(describeEvent(event)).toEqual({ summary, changes });
  });

  it('has a summary, checked by a case above, for every event type the domain knows', () => {
    const known = Object.values(EVENT_TYPES).flat();
    expect(known.filter((type) => !CASES.some(([, event]) => event.type === type))).toEqual([]);
  });

  it('refuses a type it does not know rather than inventing a summary', () => {
    expect(() => describeEvent({ type: 'CustomerTeleported', data: {} } as unknown as DomainEvent)).toThrow(/CustomerTeleported/);
  });

  it.each([
    ['0', 'EUR', '0 EUR'],
    ['999', 'EUR', '999 EUR'],
    ['1000', 'USD', '1,000 USD'],
    ['12000.5', 'EUR', '12,000.5 EUR'],
    ['123456789012345.1234', 'JPY', '123,456,789,012,345.1234 JPY'],
  ])('writes %s %s as %s', (amount, currency, expected) => {
    expect(formatMoney(amount, currency)).toBe(expected);
  });
});
