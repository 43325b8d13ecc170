import { oneOf } from '../shared/choice';
import { postalAddress, sameAddress, type PostalAddress, type PostalAddressInput } from '../shared/postal-address';
import type { RemoveCustomerAddress, SetCustomerAddress } from './customer.commands';
import { ADDRESS_TYPES, type AddressType, type CustomerAddressRemoved, type CustomerAddressSet } from './customer.events';
import { requireActiveCustomer } from './customer.guards';
import type { Customer, CustomerState } from './customer.state';

/** The events that give a customer these addresses, given the ones it has. */
export const addressesSet = (
  customer: Pick<Customer, 'customerId' | 'addresses'>,
  requested: Readonly<Partial<Record<AddressType, PostalAddressInput>>>,
): CustomerAddressSet[] =>
  Object.entries(requested ?? {}).flatMap(([type, input]) => {
    if (input === undefined) return [];
    const addressType = oneOf(type as AddressType, ADDRESS_TYPES, 'addressType');
    const address = postalAddress(input as PostalAddressInput, `addresses.${addressType}`);
    const current = customer.addresses[addressType];
    if (current && sameAddress(current, address)) return [];
    return [{ type: 'CustomerAddressSet' as const, data: { customerId: customer.customerId, addressType, address } }];
  });

export const setCustomerAddress = ({ data }: SetCustomerAddress, state: CustomerState): CustomerAddressSet[] =>
  addressesSet(requireActiveCustomer(state, data.customerId), { [data.addressType]: data.address });

export const removeCustomerAddress = ({ data }: RemoveCustomerAddress, state: CustomerState): CustomerAddressRemoved[] => {
  const customer = requireActiveCustomer(state, data.customerId);
  const addressType = oneOf(data.addressType, ADDRESS_TYPES, 'addressType');
  if (customer.addresses[addressType] === undefined) return [];
  return [{ type: 'CustomerAddressRemoved', data: { customerId: customer.customerId, addressType } }];
};

/** Where the customer is, for segments and lists: its visiting address, else its billing one, else its shipping one. */
export const customerLocation = (addresses: Customer['addresses']): PostalAddress | undefined =>
  addresses.visiting ?? addresses.billing ?? addresses.shipping;
