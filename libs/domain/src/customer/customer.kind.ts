import { defineRecordKind } from '../shared/record-kind';
import { customerDecider } from './customer.decider';
import { CUSTOMER_EVENT_TYPES } from './customer.events';
import { sealedInVersion2 } from '../shared/personal-data';
import { customerPersonalData } from './customer.personal-data';

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
  },
});
