import { defineRecordKind } from '../shared/record-kind';
import { customerDecider } from './customer.decider';
import { CUSTOMER_EVENT_TYPES } from './customer.events';

export const customerKind = defineRecordKind({
  name: 'customer',
  plural: 'customers',
  idField: 'customerId',
  decider: customerDecider,
  eventTypes: CUSTOMER_EVENT_TYPES,
});
