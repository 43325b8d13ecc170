import {
  CustomerIsArchived,
  CustomerNotFound,
  fold,
  PurchaseItemsDoNotSum,
  PurchaseNotRecorded,
  UnknownCurrency,
  type CustomerEvent,
} from '@ledgerline/domain';
import { ERP_DEACTIVATED, ERP_UPSERTED, INVOICE_CREDITED, INVOICE_PAID, INVOICE_VOIDED } from '../testing/inbound-samples';
import { customerPlanDecider, followCustomerPlan } from '@ledgerline/application';
import { planFor, type PlannedMessage } from './customer-plans';

const CUSTOMER = '3f2b8c1e-7a4d-4e9b-8c21-5d6f7a8b9c01';
const NOW = new Date('2026-12-03T12:00:00.000Z');

/** given(customer history).when(inbound message).then(events it records) — or thenThrows. */
const inbound = {
  given: (history: readonly CustomerEvent[]) => ({
    when: (message: PlannedMessage) => {
      const decide = () =>
        customerPlanDecider.decide(followCustomerPlan(planFor(message, CUSTOMER, NOW), NOW), fold(customerPlanDecider, history));
      return {
        then: (expected: readonly CustomerEvent[]) => expect(decide()).toStrictEqual(expected),
        thenThrows: (error: new (...args: never[]) => Error) => expect(decide).toThrow(error),
      };
    },
  }),
};

const registered: CustomerEvent = {
  type: 'CustomerRegistered',
  data: {
    customerId: CUSTOMER,
    kind: 'company',
    name: 'Müller Maschinenbau GmbH',
    email: 'einkauf@mueller-maschinenbau.example',
    phone: '+49 711 123456',
    country: 'DE',
    industry: 'Machinery',
    owner: null,
    tags: [],
    customFields: {},
    lifecycleStage: 'customer',
    registeredAt: NOW.toISOString(),
  },
};
const linked = (system: string, externalId: string, previousExternalId: string | null = null): CustomerEvent => ({
  type: 'CustomerExternalReferenceLinked',
  data: { customerId: CUSTOMER, system, externalId, previousExternalId },
});
const fromErp = [registered, linked('erp', '100234'), linked('billing', 'cus_8XkQ2')];
const purchased: CustomerEvent = {
  type: 'CustomerPurchaseRecorded',
  data: {
    customerId: CUSTOMER,
    orderId: 'INV-2026-0042',
    amount: '1190',
    currency: 'EUR',
    occurredAt: '2026-11-30T10:12:00.000Z',
    items: [
      { sku: 'PRS-SRV', name: 'Press service, yearly', category: 'services', quantity: '1', unitPrice: '990', amount: '990' },
      { sku: 'FLT-10', name: 'Filter cartridge', category: 'spare-parts', quantity: '4', unitPrice: '50', amount: '200' },
    ],
  },
};
const upsert = (data: Partial<(typeof ERP_UPSERTED)['data']>) => ({ ...ERP_UPSERTED, data: { ...ERP_UPSERTED.data, ...data } });

describe('erp.customer.upserted.v1', () => {
  it('registers an unknown customer as a customer, linked to its ERP and billing ids', () =>
    inbound.given([]).when(ERP_UPSERTED).then(fromErp));

  it('registers without the fields the ERP sends as null', () =>
    inbound
      .given([])
      .when(upsert({ email: null, phone: undefined, billingCustomerId: undefined }))
      .then([{ ...registered, data: { ...registered.data, email: null, phone: null } }, linked('erp', '100234')]));

  it('records nothing when nothing differs', () => inbound.given(fromErp).when(ERP_UPSERTED).then([]));

  it('updates the profile fields that changed, clears those sent as null, leaves absent ones', () =>
    inbound
      .given(fromErp)
      .when(upsert({ name: 'Müller Maschinenbau AG', phone: null, industry: undefined, email: undefined }))
      .then([
        {
          type: 'CustomerProfileUpdated',
          data: {
            customerId: CUSTOMER,
            changes: {
              name: { from: 'Müller Maschinenbau GmbH', to: 'Müller Maschinenbau AG' },
              phone: { from: '+49 711 123456', to: null },
            },
          },
        },
      ]));

  it('moves the billing link, and removes it for null', () => {
    inbound
      .given(fromErp)
      .when(upsert({ billingCustomerId: 'cus_NEW' }))
      .then([linked('billing', 'cus_NEW', 'cus_8XkQ2')]);
    inbound
      .given(fromErp)
      .when(upsert({ billingCustomerId: null }))
      .then([{ type: 'CustomerExternalReferenceUnlinked', data: { customerId: CUSTOMER, system: 'billing', externalId: 'cus_8XkQ2' } }]);
  });

  const STUTTGART = { street: 'Königstraße 1', city: 'Stuttgart', region: 'BW', postcode: '70173', country: 'DE' };
  const addressSet = (addressType: 'billing' | 'shipping', address = STUTTGART): CustomerEvent => ({
    type: 'CustomerAddressSet',
    data: { customerId: CUSTOMER, addressType, address },
  });

  it('registers an unknown customer with the addresses the ERP sends, leaving out those sent as null', () =>
    inbound
      .given([])
      .when(upsert({ addresses: { billing: STUTTGART, shipping: null } }))
      .then([registered, addressSet('billing'), linked('erp', '100234'), linked('billing', 'cus_8XkQ2')]));

  it('sets the addresses that changed, removes those sent as null, leaves absent ones', () =>
    inbound
      .given([...fromErp, addressSet('billing'), addressSet('shipping')])
      .when(upsert({ addresses: { billing: { ...STUTTGART, street: 'Königstraße 2' }, shipping: null } }))
      .then([
        addressSet('billing', { ...STUTTGART, street: 'Königstraße 2' }),
        { type: 'CustomerAddressRemoved', data: { customerId: CUSTOMER, addressType: 'shipping' } },
      ]));

  it('records nothing when the addresses are the ones the customer has', () =>
    inbound
      .given([...fromErp, addressSet('billing')])
      .when(upsert({ addresses: { billing: STUTTGART } }))
      .then([]));

  it('links the ERP id to a customer that was registered without it', () =>
    inbound
      .given([registered])
      .when(upsert({ billingCustomerId: undefined }))
      .then([linked('erp', '100234')]));

  it('is refused for an archived customer', () =>
    inbound
      .given([...fromErp, { type: 'CustomerArchived', data: { customerId: CUSTOMER, reason: null, archivedAt: NOW.toISOString() } }])
      .when(ERP_UPSERTED)
      .thenThrows(CustomerIsArchived));
});

describe('erp.customer.deactivated.v1', () => {
  const archived: CustomerEvent = {
    type: 'CustomerArchived',
    data: { customerId: CUSTOMER, reason: 'Merged into 100480', archivedAt: NOW.toISOString() },
  };

  it('archives the customer with the reason given', () => inbound.given(fromErp).when(ERP_DEACTIVATED).then([archived]));

  it('says it came from the ERP when no reason is given', () =>
    inbound
      .given(fromErp)
      .when({ ...ERP_DEACTIVATED, data: { erpCustomerId: '100234' } })
      .then([{ ...archived, data: { ...archived.data, reason: 'Deactivated in the ERP' } }]));

  it('records nothing for a customer archived already', () =>
    inbound
      .given([...fromErp, archived])
      .when(ERP_DEACTIVATED)
      .then([]));

  it('is refused for an unknown customer', () => inbound.given([]).when(ERP_DEACTIVATED).thenThrows(CustomerNotFound));
});

describe('billing.invoice.paid.v1', () => {
  it('records a purchase under the invoice id, at the time it was paid', () => inbound.given(fromErp).when(INVOICE_PAID).then([purchased]));

  it('records nothing for an invoice recorded already (paid twice, or a new message for it)', () =>
    inbound
      .given([...fromErp, purchased])
      .when({ ...INVOICE_PAID, id: 'another-message' })
      .then([]));

  it('is refused for an unknown customer', () => inbound.given([]).when(INVOICE_PAID).thenThrows(CustomerNotFound));

  it('is refused with a currency the domain does not know, though the schema lets it pass', () =>
    inbound
      .given(fromErp)
      .when({ ...INVOICE_PAID, data: { ...INVOICE_PAID.data, currency: 'XXY' } })
      .thenThrows(UnknownCurrency));
});

describe('billing.invoice.paid.v1 without lines', () => {
  const { lines: _lines, ...withoutLines } = INVOICE_PAID.data;
  it('records the purchase with no items', () =>
    inbound
      .given(fromErp)
      .when({ ...INVOICE_PAID, data: withoutLines })
      .then([{ ...purchased, data: { ...purchased.data, items: [] } } as CustomerEvent]));

  it('is refused when its lines do not add up to its amount', () =>
    inbound
      .given(fromErp)
      .when({ ...INVOICE_PAID, data: { ...INVOICE_PAID.data, amount: '1200.00' } })
      .thenThrows(PurchaseItemsDoNotSum));
});

describe('billing.invoice.credited.v1', () => {
  const returned: CustomerEvent = {
    type: 'CustomerPurchaseItemsReturned',
    data: {
      customerId: CUSTOMER,
      orderId: 'INV-2026-0042',
      returnId: 'CN-2026-0006',
      items: [{ sku: 'FLT-10', quantity: '1', amount: '50' }],
      amount: '50',
      currency: 'EUR',
      returnedAt: '2026-12-01T09:00:00.000Z',
    },
  };

  it("takes the credited lines back from the invoice's purchase", () =>
    inbound
      .given([...fromErp, purchased])
      .when(INVOICE_CREDITED)
      .then([returned]));

  it('records nothing for a credit note applied already', () =>
    inbound
      .given([...fromErp, purchased, returned])
      .when({ ...INVOICE_CREDITED, id: 'another-message' })
      .then([]));

  it('is refused for an invoice not paid (no purchase to credit)', () =>
    inbound.given(fromErp).when(INVOICE_CREDITED).thenThrows(PurchaseNotRecorded));
});

describe('billing.invoice.voided.v1', () => {
  const reversed: CustomerEvent = {
    type: 'CustomerPurchaseReversed',
    data: { customerId: CUSTOMER, orderId: 'INV-2026-0042', amount: '1190', currency: 'EUR', reversedAt: '2026-12-02T09:00:00.000Z' },
  };

  it('reverses the purchase of a paid invoice', () =>
    inbound
      .given([...fromErp, purchased])
      .when(INVOICE_VOIDED)
      .then([reversed]));

  it('records nothing for an invoice voided before it was paid', () => inbound.given(fromErp).when(INVOICE_VOIDED).then([]));

  it('records nothing for a purchase reversed already', () =>
    inbound
      .given([...fromErp, purchased, reversed])
      .when(INVOICE_VOIDED)
      .then([]));

  it('is refused for an unknown customer', () => inbound.given([]).when(INVOICE_VOIDED).thenThrows(CustomerNotFound));
});
