import type { Command } from '../shared/decider';
import type { PostalAddressInput } from '../shared/postal-address';
import type { PurchaseItemInput } from './customer.purchase-items';
import type { AddressType, CustomFieldValue, CustomerKind, ErasureGround, LifecycleStage } from './customer.events';

export type RegisterCustomer = Command<
  'RegisterCustomer',
  {
    customerId: string;
    kind: CustomerKind;
    name: string;
    email?: string;
    phone?: string;
    /** ISO 3166-1 alpha-2. */
    country?: string;
    industry?: string;
    owner?: string;
    tags?: readonly string[];
    customFields?: Readonly<Record<string, CustomFieldValue>>;
    /** Defaults to 'lead'. */
    lifecycleStage?: LifecycleStage;
    addresses?: Readonly<Partial<Record<AddressType, PostalAddressInput>>>;
  }
>;

/** Mentions only what should change; null clears an optional field or removes a custom field. */
export type UpdateCustomerProfile = Command<
  'UpdateCustomerProfile',
  {
    customerId: string;
    name?: string;
    email?: string | null;
    phone?: string | null;
    country?: string | null;
    industry?: string | null;
    customFields?: Readonly<Record<string, CustomFieldValue | null>>;
  }
>;

export type ChangeLifecycleStage = Command<'ChangeLifecycleStage', { customerId: string; lifecycleStage: LifecycleStage }>;

export type AssignCustomerOwner = Command<'AssignCustomerOwner', { customerId: string; owner: string }>;

export type AddCustomerTags = Command<'AddCustomerTags', { customerId: string; tags: readonly string[] }>;

export type RemoveCustomerTags = Command<'RemoveCustomerTags', { customerId: string; tags: readonly string[] }>;

/** `system` is a lower-case slug such as 'erp' or 'billing'; a customer has at most one id per system. */
export type LinkExternalReference = Command<'LinkExternalReference', { customerId: string; system: string; externalId: string }>;

export type UnlinkExternalReference = Command<'UnlinkExternalReference', { customerId: string; system: string }>;

/** Replaces the customer's address of this type; the same address again changes nothing. */
export type SetCustomerAddress = Command<
  'SetCustomerAddress',
  { customerId: string; addressType: AddressType; address: PostalAddressInput }
>;

/** Removing an address the customer does not have changes nothing. */
export type RemoveCustomerAddress = Command<'RemoveCustomerAddress', { customerId: string; addressType: AddressType }>;

/** Sent by billing or the ERP; `orderId` makes a delivered-twice message harmless. Items, when given, sum to `amount`. */
export type RecordPurchase = Command<
  'RecordPurchase',
  { customerId: string; orderId: string; amount: string; currency: string; occurredAt: string; items?: readonly PurchaseItemInput[] }
>;

/** Part of a purchase came back: how much of which of its lines (by SKU). */
export type ReturnPurchaseItems = Command<
  'ReturnPurchaseItems',
  {
    customerId: string;
    orderId: string;
    returnId: string;
    items: readonly Readonly<{ sku: string; quantity: string }>[];
    returnedAt: string;
  }
>;

/** Billing voided an invoice after it was paid: the purchase recorded under `orderId` no longer counts. */
export type ReversePurchase = Command<'ReversePurchase', { customerId: string; orderId: string; reversedAt: string }>;

export type ArchiveCustomer = Command<'ArchiveCustomer', { customerId: string; reason?: string }>;

/** `requestReference`: the erasure request's id in the controller's ticketing (letters, digits, `._:/#-`; no e-mail). */
export type EraseCustomer = Command<'EraseCustomer', { customerId: string; legalBasis: ErasureGround; requestReference?: string }>;

export type CustomerCommand =
  | RegisterCustomer
  | UpdateCustomerProfile
  | ChangeLifecycleStage
  | AssignCustomerOwner
  | AddCustomerTags
  | RemoveCustomerTags
  | LinkExternalReference
  | UnlinkExternalReference
  | SetCustomerAddress
  | RemoveCustomerAddress
  | RecordPurchase
  | ReversePurchase
  | ReturnPurchaseItems
  | ArchiveCustomer
  | EraseCustomer;
