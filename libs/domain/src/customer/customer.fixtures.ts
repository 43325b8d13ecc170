import { commandsOf } from '../testing/given-when-then';
import type { CustomerCommand, RecordPurchase } from './customer.commands';
import type { CustomerArchived, CustomerPurchaseRecorded, CustomerRegistered } from './customer.events';

export const CUSTOMER_ID = '3f2b8c1e-7a4d-4e9b-8c21-5d6f7a8b9c01';

export const customerCommand = commandsOf<CustomerCommand>();

export const customerRegistered = (data: Partial<CustomerRegistered['data']> = {}): CustomerRegistered => ({
  type: 'CustomerRegistered',
  data: {
    customerId: CUSTOMER_ID,
    kind: 'company',
    name: 'Acme Tools GmbH',
    email: null,
    phone: null,
    country: null,
    industry: null,
    owner: null,
    tags: [],
    customFields: {},
    lifecycleStage: 'lead',
    registeredAt: '2025-01-10T08:00:00.000Z',
    ...data,
  },
});

export const recordPurchase = (data: Partial<RecordPurchase['data']> = {}) =>
  customerCommand('RecordPurchase', {
    customerId: CUSTOMER_ID,
    orderId: 'SO-1001',
    amount: '1250.50',
    currency: 'EUR',
    occurredAt: '2025-02-14T10:15:00+01:00',
    ...data,
  });

/** What `recordPurchase()` records, canonical. */
export const purchaseRecorded = (data: Partial<CustomerPurchaseRecorded['data']> = {}): CustomerPurchaseRecorded => ({
  type: 'CustomerPurchaseRecorded',
  data: {
    customerId: CUSTOMER_ID,
    orderId: 'SO-1001',
    amount: '1250.5',
    currency: 'EUR',
    occurredAt: '2025-02-14T09:15:00.000Z',
    items: [],
    ...data,
  },
});

export const customerArchived: CustomerArchived = {
  type: 'CustomerArchived',
  data: { customerId: CUSTOMER_ID, reason: null, archivedAt: '2025-02-01T08:00:00.000Z' },
};

/** One valid command of each kind but registration: they all need an existing, active customer. */
export const commandsToAnExistingCustomer: readonly CustomerCommand[] = [
  customerCommand('UpdateCustomerProfile', { customerId: CUSTOMER_ID, name: 'Acme' }),
  customerCommand('ChangeLifecycleStage', { customerId: CUSTOMER_ID, lifecycleStage: 'prospect' }),
  customerCommand('AssignCustomerOwner', { customerId: CUSTOMER_ID, owner: 'maria' }),
  customerCommand('AddCustomerTags', { customerId: CUSTOMER_ID, tags: ['vip'] }),
  customerCommand('RemoveCustomerTags', { customerId: CUSTOMER_ID, tags: ['vip'] }),
  customerCommand('LinkExternalReference', { customerId: CUSTOMER_ID, system: 'erp', externalId: 'C-1' }),
  customerCommand('UnlinkExternalReference', { customerId: CUSTOMER_ID, system: 'erp' }),
  customerCommand('SetCustomerAddress', {
    customerId: CUSTOMER_ID,
    addressType: 'billing',
    address: { city: 'Berlin', country: 'DE' },
  }),
  customerCommand('RemoveCustomerAddress', { customerId: CUSTOMER_ID, addressType: 'billing' }),
  customerCommand('RecordPurchase', {
    customerId: CUSTOMER_ID,
    orderId: 'SO-1',
    amount: '10',
    currency: 'EUR',
    occurredAt: '2025-02-01T10:00:00Z',
  }),
  customerCommand('ReversePurchase', { customerId: CUSTOMER_ID, orderId: 'SO-1', reversedAt: '2025-02-02T10:00:00Z' }),
  customerCommand('ArchiveCustomer', { customerId: CUSTOMER_ID }),
];
