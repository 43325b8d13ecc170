import { defineRecordKind } from '../shared/record-kind';
import { customerDecider } from './customer.decider';
import { CUSTOMER_EVENT_TYPES } from './customer.events';
import { sealedInVersion2 } from '../shared/personal-data';
import type { Upcaster } from '../shared/upcasting';
import { customerPersonalData } from './customer.personal-data';

/** v2 of CustomerPurchaseRecorded carries the purchase's items: a v1 event had none to tell. */
const purchaseItemsInVersion2: Upcaster = (data) => ({ ...data, items: [] });

export const customerKind = defineRecordKind({
  name: 'customer',
  plural: 'customers',
  idField: 'customerId',
  decider: customerDecider,
  eventTypes: CUSTOMER_EVENT_TYPES,
  personalData: customerPersonalData,
  upcasters: {
    CustomerRegistered: [sealedInVersion2],
    CustomerProfileUpdated: [sealedInVersion2],
    CustomerArchived: [sealedInVersion2],
    CustomerPurchaseRecorded: [purchaseItemsInVersion2],
  },
});
