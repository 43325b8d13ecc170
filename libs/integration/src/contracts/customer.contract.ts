import type { CustomerEvent } from '@ledgerline/domain';
import type { Contract } from './contract';
import { pick, publishedChanges } from './pick';

/**
 * crm.customer.v1. Personal data, decided field by field (docs/integration.md): name, country,
 * industry, owner and postal addresses (the ERP ships and invoices to them) are published; e-mail, phone,
 * custom fields and free-text reasons are not: systems that need them read the API, where access is
 * checked and logged.
 */
export const customerContract: Contract<CustomerEvent> = {
  topic: 'crm.customer.v1',
  map: {
    CustomerRegistered: (data) => ({
      type: 'crm.customer.registered.v1',
      data: pick(data, ['customerId', 'kind', 'name', 'country', 'industry', 'owner', 'lifecycleStage', 'tags', 'registeredAt']),
    }),
    CustomerProfileUpdated: ({ customerId, changes }) => {
      const published = publishedChanges(changes, ['name', 'country', 'industry']);
      return published && { type: 'crm.customer.profile-updated.v1', data: { customerId, changes: published } };
    },
    CustomerLifecycleStageChanged: (data) => ({
      type: 'crm.customer.lifecycle-stage-changed.v1',
      data: pick(data, ['customerId', 'from', 'to']),
    }),
    CustomerOwnerAssigned: (data) => ({ type: 'crm.customer.owner-assigned.v1', data: pick(data, ['customerId', 'from', 'to']) }),
    CustomerTagsAdded: ({ customerId, tags }) => ({ type: 'crm.customer.tags-changed.v1', data: { customerId, added: tags, removed: [] } }),
    CustomerTagsRemoved: ({ customerId, tags }) => ({
      type: 'crm.customer.tags-changed.v1',
      data: { customerId, added: [], removed: tags },
    }),
    CustomerExternalReferenceLinked: (data) => ({
      type: 'crm.customer.external-reference-linked.v1',
      data: pick(data, ['customerId', 'system', 'externalId', 'previousExternalId']),
    }),
    CustomerExternalReferenceUnlinked: (data) => ({
      type: 'crm.customer.external-reference-unlinked.v1',
      data: pick(data, ['customerId', 'system', 'externalId']),
    }),
    CustomerAddressSet: (data) => ({ type: 'crm.customer.address-set.v1', data: pick(data, ['customerId', 'addressType', 'address']) }),
    CustomerAddressRemoved: (data) => ({ type: 'crm.customer.address-removed.v1', data: pick(data, ['customerId', 'addressType']) }),
    CustomerPurchaseRecorded: (data) => ({
      type: 'crm.customer.purchase-recorded.v1',
      data: pick(data, ['customerId', 'orderId', 'amount', 'currency', 'occurredAt', 'items']),
    }),
    CustomerPurchaseItemsReturned: (data) => ({
      type: 'crm.customer.purchase-items-returned.v1',
      data: pick(data, ['customerId', 'orderId', 'returnId', 'items', 'amount', 'currency', 'returnedAt']),
    }),
    CustomerPurchaseReversed: (data) => ({
      type: 'crm.customer.purchase-reversed.v1',
      data: pick(data, ['customerId', 'orderId', 'amount', 'currency', 'reversedAt']),
    }),
    CustomerArchived: (data) => ({ type: 'crm.customer.archived.v1', data: pick(data, ['customerId', 'archivedAt']) }),
    // Consumers erase what they keep of the customer; the state topic gets a tombstone for its key.
    CustomerErased: (data) => ({ type: 'crm.customer.erased.v1', data: pick(data, ['customerId', 'legalBasis', 'erasedAt']) }),
  },
};
