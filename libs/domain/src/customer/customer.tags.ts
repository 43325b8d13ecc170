import type { AddCustomerTags, RemoveCustomerTags } from './customer.commands';
import type { CustomerTagsAdded, CustomerTagsRemoved } from './customer.events';
import { requireActiveCustomer } from './customer.guards';
import type { CustomerState } from './customer.state';
import { tagList } from './customer.values';

export const addCustomerTags = ({ data }: AddCustomerTags, state: CustomerState): CustomerTagsAdded[] => {
  const customer = requireActiveCustomer(state, data.customerId);
  const tags = tagList(data.tags).filter((tag) => !customer.tags.includes(tag));
  return tags.length > 0 ? [{ type: 'CustomerTagsAdded', data: { customerId: customer.customerId, tags } }] : [];
};

export const removeCustomerTags = ({ data }: RemoveCustomerTags, state: CustomerState): CustomerTagsRemoved[] => {
  const customer = requireActiveCustomer(state, data.customerId);
  const tags = tagList(data.tags).filter((tag) => customer.tags.includes(tag));
  return tags.length > 0 ? [{ type: 'CustomerTagsRemoved', data: { customerId: customer.customerId, tags } }] : [];
};
