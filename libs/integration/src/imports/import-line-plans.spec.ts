import { customerPlanDecider, followCustomerPlan, type CustomerPlan } from '@ledgerline/application';
import { CustomerIsArchived, fold, PurchaseItemsDoNotSum, type CustomerEvent } from '@ledgerline/domain';
import { customerLinePlan, purchaseLinePlan, referencesOf, type CustomerLine } from './import-line-plans';

const CUSTOMER = '3f2b8c1e-7a4d-4e9b-8c21-5d6f7a8b9c01';
const NOW = new Date('2026-12-03T12:00:00.000Z');

/** given(customer history).when(imported line's plan).then(events it records) — or thenThrows. */
const imported = {
  given: (history: readonly CustomerEvent[]) => ({
    when: (plan: CustomerPlan) => {
      const decide = () => customerPlanDecider.decide(followCustomerPlan(plan, NOW), fold(customerPlanDecider, history));
      return {
        then: (expected: readonly CustomerEvent[]) => expect(decide()).toStrictEqual(expected),
        thenThrows: (error: new (...args: never[]) => Error) => expect(decide).toThrow(error),
      };
    },
  }),
};

const line: CustomerLine = {
  externalRefs: { erp: 'E-1', billing: ' cus_1 ' },
  kind: 'company',
  name: 'Acme Tools GmbH',
  country: 'DE',
  tags: ['vip'],
};
const registered: CustomerEvent = {
  type: 'CustomerRegistered',
  data: {
    customerId: CUSTOMER,
    kind: 'company',
    name: 'Acme Tools GmbH',
    email: null,
    phone: null,
    country: 'DE',
    industry: null,
    owner: null,
    tags: ['vip'],
    customFields: {},
    lifecycleStage: 'lead',
    registeredAt: NOW.toISOString(),
  },
};
const linked = (system: string, externalId: string): CustomerEvent => ({
  type: 'CustomerExternalReferenceLinked',
  data: { customerId: CUSTOMER, system, externalId, previousExternalId: null },
});

describe('an imported customer line', () => {
  it('registers an unknown customer with what the line gives and links every external id, by system', () =>
    imported
      .given([])
      .when(customerLinePlan(line, CUSTOMER, NOW))
      .then([registered, linked('billing', 'cus_1'), linked('erp', 'E-1')]));

  it('records nothing for a customer that is as the line says', () =>
    imported
      .given([registered, linked('billing', 'cus_1'), linked('erp', 'E-1')])
      .when(customerLinePlan(line, CUSTOMER, NOW))
      .then([]));

  it('updates only what differs, adds tags without removing any, and leaves the lifecycle stage alone', () =>
    imported
      .given([registered, linked('billing', 'cus_1'), linked('erp', 'E-1')])
      .when(customerLinePlan({ ...line, name: 'Acme Tools AG', tags: ['vip', 'enterprise'], lifecycleStage: 'customer' }, CUSTOMER, NOW))
      .then([
        {
          type: 'CustomerProfileUpdated',
          data: { customerId: CUSTOMER, changes: { name: { from: 'Acme Tools GmbH', to: 'Acme Tools AG' } } },
        },
        { type: 'CustomerTagsAdded', data: { customerId: CUSTOMER, tags: ['enterprise'] } },
      ]));

  it('gives a new customer the addresses of the line and a known one those that differ', () => {
    const berlin = { street: null, city: 'Berlin', region: null, postcode: null, country: 'DE' };
    const addressSet = (addressType: 'billing' | 'shipping', address = berlin): CustomerEvent => ({
      type: 'CustomerAddressSet',
      data: { customerId: CUSTOMER, addressType, address },
    });
    const withAddresses = { ...line, addresses: { billing: { city: 'Berlin', country: 'DE' } } };
    imported
      .given([])
      .when(customerLinePlan(withAddresses, CUSTOMER, NOW))
      .then([registered, addressSet('billing'), linked('billing', 'cus_1'), linked('erp', 'E-1')]);
    imported
      .given([registered, addressSet('billing'), linked('billing', 'cus_1'), linked('erp', 'E-1')])
      .when(
        customerLinePlan(
          { ...withAddresses, addresses: { ...withAddresses.addresses, shipping: { city: 'Köln', country: 'de' } } },
          CUSTOMER,
          NOW,
        ),
      )
      .then([addressSet('shipping', { ...berlin, city: 'Köln' })]);
  });

  it('is refused for an archived customer', () =>
    imported
      .given([registered, { type: 'CustomerArchived', data: { customerId: CUSTOMER, reason: null, archivedAt: NOW.toISOString() } }])
      .when(customerLinePlan(line, CUSTOMER, NOW))
      .thenThrows(CustomerIsArchived));
});

describe('an imported purchase line', () => {
  const purchase = { orderId: 'SO-1', amount: '99.90', currency: 'EUR', occurredAt: '2026-11-30T10:00:00Z' };

  it('records the purchase once, however often it is imported', () => {
    const recorded: CustomerEvent = {
      type: 'CustomerPurchaseRecorded',
      data: { customerId: CUSTOMER, orderId: 'SO-1', amount: '99.9', currency: 'EUR', occurredAt: '2026-11-30T10:00:00.000Z', items: [] },
    };
    imported
      .given([registered])
      .when(purchaseLinePlan(purchase, CUSTOMER, NOW))
      .then([recorded]);
    imported
      .given([registered, recorded])
      .when(purchaseLinePlan(purchase, CUSTOMER, NOW))
      .then([]);
  });

  it('records its items, and refuses items that do not add up to its amount', () => {
    const items = [{ sku: 'DRL', name: 'Drill', category: 'tools', quantity: '1', unitPrice: '99.90', amount: '99.90' }];
    imported
      .given([registered])
      .when(purchaseLinePlan({ ...purchase, items }, CUSTOMER, NOW))
      .then([
        {
          type: 'CustomerPurchaseRecorded',
          data: {
            customerId: CUSTOMER,
            orderId: 'SO-1',
            amount: '99.9',
            currency: 'EUR',
            occurredAt: '2026-11-30T10:00:00.000Z',
            items: [{ sku: 'DRL', name: 'Drill', category: 'tools', quantity: '1', unitPrice: '99.9', amount: '99.9' }],
          },
        },
      ]);
    imported
      .given([registered])
      .when(purchaseLinePlan({ ...purchase, amount: '100', items }, CUSTOMER, NOW))
      .thenThrows(PurchaseItemsDoNotSum);
  });
});

describe('referencesOf', () => {
  it('lists external ids by system, trimmed, so a line always finds the same customer first', () =>
    expect(referencesOf(line)).toEqual([
      { system: 'billing', externalId: 'cus_1' },
      { system: 'erp', externalId: 'E-1' },
    ]));
});
