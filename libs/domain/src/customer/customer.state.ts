import { applyChanges } from '../shared/changes';
import { unreachable } from '../shared/decider';
import type { AddressType, CustomerEvent, CustomerProfile } from './customer.events';
import type { PostalAddress } from '../shared/postal-address';
import type { PurchaseItem, ReturnedItem } from './customer.purchase-items';
import { applyCustomFieldChanges } from './customer.values';
import { ERASED } from '../shared/personal-data';

const ERASED_PROFILE = { name: ERASED, email: null, phone: null, customFields: {}, addresses: {}, archiveReason: null } as const;

/** Part of a purchase that came back, as CustomerPurchaseItemsReturned said. */
export type PurchaseReturn = Readonly<{ returnId: string; items: readonly ReturnedItem[]; amount: string; returnedAt: string }>;

/** `reversedAt` is set once the purchase was reversed; a reversed order id stays known, so it is never recorded again. */
export type Purchase = Readonly<{
  orderId: string;
  amount: string;
  currency: string;
  occurredAt: string;
  items: readonly PurchaseItem[];
  returns: readonly PurchaseReturn[];
  reversedAt?: string;
}>;

/** Everything a reader asks of one customer (GET /v1/customers/:id). */
export type Customer = Readonly<
  { status: 'active' | 'archived' | 'erased'; customerId: string } & CustomerProfile & {
      /** External system (erp, billing...) → the customer's id there. */
      externalReferences: Readonly<Record<string, string>>;
      /** At most one address of each type. */
      addresses: Readonly<Partial<Record<AddressType, PostalAddress>>>;
      /** In the order they were recorded. */
      purchases: readonly Purchase[];
      registeredAt: string;
      archivedAt: string | null;
      archiveReason: string | null;
      /** Once set, the personal fields read as ERASED (their key is destroyed) and the record takes no command. */
      erasedAt: string | null;
    }
>;

/** 'none': the stream holds no event yet. */
export type CustomerState = Readonly<{ status: 'none' }> | Customer;

export const initialCustomerState = (): CustomerState => ({ status: 'none' });

export const evolveCustomer = (state: CustomerState, event: CustomerEvent): CustomerState => {
  if (event.type === 'CustomerRegistered') {
    const { registeredAt, ...profile } = event.data;
    return {
      status: 'active',
      ...profile,
      externalReferences: {},
      addresses: {},
      purchases: [],
      registeredAt,
      archivedAt: null,
      archiveReason: null,
      erasedAt: null,
    };
  }
  // A stream always starts with CustomerRegistered; nothing else can apply to an empty state.
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'CustomerProfileUpdated': {
      const { customFields, ...fields } = event.data.changes;
      const updated = applyChanges(state, fields);
      return customFields ? { ...updated, customFields: applyCustomFieldChanges(state.customFields, customFields) } : updated;
    }
    case 'CustomerLifecycleStageChanged':
      return { ...state, lifecycleStage: event.data.to };
    case 'CustomerOwnerAssigned':
      return { ...state, owner: event.data.to };
    case 'CustomerTagsAdded':
      return { ...state, tags: [...state.tags, ...event.data.tags] };
    case 'CustomerTagsRemoved':
      return { ...state, tags: state.tags.filter((tag) => !event.data.tags.includes(tag)) };
    case 'CustomerExternalReferenceLinked':
      return { ...state, externalReferences: { ...state.externalReferences, [event.data.system]: event.data.externalId } };
    case 'CustomerExternalReferenceUnlinked': {
      const { [event.data.system]: _unlinked, ...remaining } = state.externalReferences;
      return { ...state, externalReferences: remaining };
    }
    case 'CustomerAddressSet':
      return { ...state, addresses: { ...state.addresses, [event.data.addressType]: event.data.address } };
    case 'CustomerAddressRemoved': {
      const { [event.data.addressType]: _removed, ...remaining } = state.addresses;
      return { ...state, addresses: remaining };
    }
    case 'CustomerPurchaseRecorded': {
      const { customerId: _customerId, ...purchase } = event.data;
      return { ...state, purchases: [...state.purchases, { ...purchase, returns: [] }] };
    }
    case 'CustomerPurchaseReversed': {
      const { orderId, reversedAt } = event.data;
      return {
        ...state,
        purchases: state.purchases.map((purchase) => (purchase.orderId === orderId ? { ...purchase, reversedAt } : purchase)),
      };
    }
    case 'CustomerPurchaseItemsReturned': {
      const { orderId, returnId, items, amount, returnedAt } = event.data;
      const returned = { returnId, items, amount, returnedAt };
      return {
        ...state,
        purchases: state.purchases.map((purchase) =>
          purchase.orderId === orderId ? { ...purchase, returns: [...purchase.returns, returned] } : purchase,
        ),
      };
    }
    case 'CustomerArchived':
      return { ...state, status: 'archived', archivedAt: event.data.archivedAt, archiveReason: event.data.reason };
    case 'CustomerErased':
      // Whatever the earlier events revealed, an erased customer's state keeps none of its personal data.
      return {
        ...state,
        ...ERASED_PROFILE,
        status: 'erased',
        erasedAt: event.data.erasedAt,
      };
    default:
      return unreachable(event);
  }
};
