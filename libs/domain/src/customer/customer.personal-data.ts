import { changesOf, type PersonalData } from '../shared/personal-data';
import type { CustomerEvent } from './customer.events';
import type { CustomerState } from './customer.state';

/** Every name (a person's or a sole trader's), e-mail, phone, custom field, address (but its country) and free-text reason. */
export const customerPersonalData: PersonalData<CustomerEvent, CustomerState> = {
  subjectOf: (state) => (state.status === 'none' ? undefined : state.customerId),
  fields: {
    CustomerRegistered: ['name', 'email', 'phone', 'customFields.*'],
    CustomerProfileUpdated: [...changesOf('name', 'email', 'phone'), 'changes.customFields.*.from', 'changes.customFields.*.to'],
    CustomerAddressSet: ['address.street', 'address.city', 'address.region', 'address.postcode'],
    CustomerArchived: ['reason'],
  },
};
