import { fold } from '../shared/decider';
import { customerDecider } from './customer.decider';
import type { CustomerEvent } from './customer.events';
import { CUSTOMER_ID, customerArchived, customerRegistered } from './customer.fixtures';
import { customerSnapshot } from './customer.snapshot';

const history: CustomerEvent[] = [
  customerRegistered({ email: 'ada@example.com', tags: ['vip', 'newsletter'], customFields: { shoeSize: 38, newsletter: true } }),
  {
    type: 'CustomerProfileUpdated',
    data: {
      customerId: CUSTOMER_ID,
      changes: {
        name: { from: 'Acme Tools GmbH', to: 'Acme Tools AG' },
        email: { from: 'ada@example.com', to: null },
        customFields: { shoeSize: { from: 38, to: 39 }, newsletter: { from: true, to: null }, vatId: { from: null, to: 'DE1' } },
      },
    },
  },
  { type: 'CustomerLifecycleStageChanged', data: { customerId: CUSTOMER_ID, from: 'lead', to: 'customer' } },
  { type: 'CustomerOwnerAssigned', data: { customerId: CUSTOMER_ID, from: null, to: 'maria' } },
  { type: 'CustomerTagsAdded', data: { customerId: CUSTOMER_ID, tags: ['partner'] } },
  { type: 'CustomerTagsRemoved', data: { customerId: CUSTOMER_ID, tags: ['vip'] } },
  {
    type: 'CustomerExternalReferenceLinked',
    data: { customerId: CUSTOMER_ID, system: 'erp', externalId: 'C-1', previousExternalId: null },
  },
  {
    type: 'CustomerExternalReferenceLinked',
    data: { customerId: CUSTOMER_ID, system: 'billing', externalId: 'b-7', previousExternalId: null },
  },
  { type: 'CustomerExternalReferenceUnlinked', data: { customerId: CUSTOMER_ID, system: 'erp', externalId: 'C-1' } },
  {
    type: 'CustomerPurchaseRecorded',
    data: { customerId: CUSTOMER_ID, orderId: 'SO-1', amount: '99.9', currency: 'EUR', occurredAt: '2025-01-20T10:00:00.000Z', items: [] },
  },
  {
    type: 'CustomerPurchaseRecorded',
    data: { customerId: CUSTOMER_ID, orderId: 'SO-2', amount: '10', currency: 'EUR', occurredAt: '2025-01-21T10:00:00.000Z', items: [] },
  },
  {
    type: 'CustomerPurchaseReversed',
    data: { customerId: CUSTOMER_ID, orderId: 'SO-2', amount: '10', currency: 'EUR', reversedAt: '2025-01-22T10:00:00.000Z' },
  },
];

describe('the customer state', () => {
  it('holds everything a reader asks of one customer', () => {
    expect(fold(customerDecider, history)).toStrictEqual({
      status: 'active',
      customerId: CUSTOMER_ID,
      kind: 'company',
      name: 'Acme Tools AG',
      email: null,
      phone: null,
      country: null,
      industry: null,
      owner: 'maria',
      tags: ['newsletter', 'partner'],
      customFields: { shoeSize: 39, vatId: 'DE1' },
      lifecycleStage: 'customer',
      externalReferences: { billing: 'b-7' },
      addresses: {},
      purchases: [
        { orderId: 'SO-1', amount: '99.9', currency: 'EUR', occurredAt: '2025-01-20T10:00:00.000Z', items: [], returns: [] },
        {
          orderId: 'SO-2',
          amount: '10',
          currency: 'EUR',
          occurredAt: '2025-01-21T10:00:00.000Z',
          items: [],
          returns: [],
          reversedAt: '2025-01-22T10:00:00.000Z',
        },
      ],
      registeredAt: '2025-01-10T08:00:00.000Z',
      archivedAt: null,
      archiveReason: null,
      erasedAt: null,
    });
  });

  it('remembers when and why the customer was archived', () => {
    const archived = fold(customerDecider, [
      customerRegistered(),
      { ...customerArchived, data: { ...customerArchived.data, reason: 'Merged' } },
    ]);
    expect(archived).toMatchObject({ status: 'archived', archivedAt: '2025-02-01T08:00:00.000Z', archiveReason: 'Merged' });
  });
});

describe('customerSnapshot', () => {
  it.each([
    ['no customer', [], null],
    ['an active customer', [customerRegistered()], { status: 'active' }],
    ['an archived customer', [customerRegistered(), customerArchived], { status: 'archived' }],
  ])('tells of %s', (_case, events, snapshot) => {
    expect(customerSnapshot(fold(customerDecider, events as CustomerEvent[]))).toStrictEqual(snapshot);
  });
});
