import type { Change } from '../shared/changes';
import type { Event } from '../shared/decider';
import { eventTypeNames } from '../shared/event-types';
import type { PostalAddress } from '../shared/postal-address';
import type { PurchaseItem, ReturnedItem } from './customer.purchase-items';

export const CUSTOMER_KINDS = ['company', 'person'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];

export const LIFECYCLE_STAGES = ['lead', 'prospect', 'customer', 'churned'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export type CustomFieldValue = string | number | boolean;
export type CustomFields = Readonly<Record<string, CustomFieldValue>>;

/** What the customer is, as registered; absent optional fields are null, never missing. */
export type CustomerProfile = Readonly<{
  kind: CustomerKind;
  name: string;
  email: string | null;
  phone: string | null;
  country: string | null;
  industry: string | null;
  owner: string | null;
  tags: readonly string[];
  customFields: CustomFields;
  lifecycleStage: LifecycleStage;
}>;

export type CustomerRegistered = Event<'CustomerRegistered', { customerId: string } & CustomerProfile & { registeredAt: string }>;

export type ProfileChanges = Readonly<{
  name?: Change<string>;
  email?: Change<string | null>;
  phone?: Change<string | null>;
  country?: Change<string | null>;
  industry?: Change<string | null>;
  /** Per custom field; `to: null` means the field was removed, `from: null` that it was added. */
  customFields?: Readonly<Record<string, Change<CustomFieldValue | null>>>;
}>;

/** Holds only the fields that changed. */
export type CustomerProfileUpdated = Event<'CustomerProfileUpdated', { customerId: string; changes: ProfileChanges }>;

export type CustomerLifecycleStageChanged = Event<
  'CustomerLifecycleStageChanged',
  { customerId: string; from: LifecycleStage; to: LifecycleStage }
>;

export type CustomerOwnerAssigned = Event<'CustomerOwnerAssigned', { customerId: string; from: string | null; to: string }>;

/** Only the tags the customer did not have yet. */
export type CustomerTagsAdded = Event<'CustomerTagsAdded', { customerId: string; tags: readonly string[] }>;

/** Only the tags the customer had. */
export type CustomerTagsRemoved = Event<'CustomerTagsRemoved', { customerId: string; tags: readonly string[] }>;

export type CustomerExternalReferenceLinked = Event<
  'CustomerExternalReferenceLinked',
  { customerId: string; system: string; externalId: string; previousExternalId: string | null }
>;

export type CustomerExternalReferenceUnlinked = Event<
  'CustomerExternalReferenceUnlinked',
  { customerId: string; system: string; externalId: string }
>;

/** What an address is for: where invoices go, where goods go, where people visit. */
export const ADDRESS_TYPES = ['billing', 'shipping', 'visiting'] as const;
export type AddressType = (typeof ADDRESS_TYPES)[number];

/** The customer's address of this type is now `address` (it had none, or another). */
export type CustomerAddressSet = Event<'CustomerAddressSet', { customerId: string; addressType: AddressType; address: PostalAddress }>;

export type CustomerAddressRemoved = Event<'CustomerAddressRemoved', { customerId: string; addressType: AddressType }>;

/** v2 added `items`: empty when the reporting system gave none (every v1 event reads so). */
export type CustomerPurchaseRecorded = Event<
  'CustomerPurchaseRecorded',
  { customerId: string; orderId: string; amount: string; currency: string; occurredAt: string; items: readonly PurchaseItem[] }
>;

/**
 * Part of a purchase came back (a credit note): `items` says how much of which lines, `amount` their sum, which no
 * longer counts as revenue. `returnId` (the credit note's id) makes a delivered-twice return harmless.
 */
export type CustomerPurchaseItemsReturned = Event<
  'CustomerPurchaseItemsReturned',
  {
    customerId: string;
    orderId: string;
    returnId: string;
    items: readonly ReturnedItem[];
    amount: string;
    currency: string;
    returnedAt: string;
  }
>;

/** The purchase recorded under `orderId` was taken back (its invoice voided); amount and currency are the purchase's. */
export type CustomerPurchaseReversed = Event<
  'CustomerPurchaseReversed',
  { customerId: string; orderId: string; amount: string; currency: string; reversedAt: string }
>;

export type CustomerArchived = Event<'CustomerArchived', { customerId: string; reason: string | null; archivedAt: string }>;

/**
 * Why a customer's personal data was erased: the grounds of GDPR Art. 17(1), (a) to (f). The erased fact keeps no
 * personal data, so there is no free-text reason; `requestReference` names the request in the controller's own system.
 */
export const ERASURE_GROUNDS = [
  'no-longer-necessary',
  'consent-withdrawn',
  'objection',
  'unlawful-processing',
  'legal-obligation',
  'child-consent',
] as const;
export type ErasureGround = (typeof ERASURE_GROUNDS)[number];

/** The customer's personal data was erased (its key destroyed): the record, its purchases and deals stay. */
export type CustomerErased = Event<
  'CustomerErased',
  { customerId: string; legalBasis: ErasureGround; requestReference: string | null; erasedAt: string }
>;

export type CustomerEvent =
  | CustomerRegistered
  | CustomerProfileUpdated
  | CustomerLifecycleStageChanged
  | CustomerOwnerAssigned
  | CustomerTagsAdded
  | CustomerTagsRemoved
  | CustomerExternalReferenceLinked
  | CustomerExternalReferenceUnlinked
  | CustomerAddressSet
  | CustomerAddressRemoved
  | CustomerPurchaseRecorded
  | CustomerPurchaseReversed
  | CustomerPurchaseItemsReturned
  | CustomerArchived
  | CustomerErased;

export const CUSTOMER_EVENT_TYPES = eventTypeNames<CustomerEvent['type']>({
  CustomerRegistered: true,
  CustomerProfileUpdated: true,
  CustomerLifecycleStageChanged: true,
  CustomerOwnerAssigned: true,
  CustomerTagsAdded: true,
  CustomerTagsRemoved: true,
  CustomerExternalReferenceLinked: true,
  CustomerExternalReferenceUnlinked: true,
  CustomerAddressSet: true,
  CustomerAddressRemoved: true,
  CustomerPurchaseRecorded: true,
  CustomerPurchaseReversed: true,
  CustomerPurchaseItemsReturned: true,
  CustomerArchived: true,
  CustomerErased: true,
});
