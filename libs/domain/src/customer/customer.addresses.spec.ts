import { InvalidChoice } from '../shared/choice';
import { fold } from '../shared/decider';
import { UnknownCountry } from '../shared/country';
import type { PostalAddress } from '../shared/postal-address';
import { TextRequired, TextTooLong } from '../shared/text';
import { spec, TEST_NOW } from '../testing/given-when-then';
import { customerLocation } from './customer.addresses';
import { customerDecider } from './customer.decider';
import type { CustomerAddressSet, CustomerEvent } from './customer.events';
import { CUSTOMER_ID, customerCommand, customerRegistered } from './customer.fixtures';
import type { Customer } from './customer.state';

const customer = spec(customerDecider);
const BERLIN: PostalAddress = { street: 'Hauptstraße 1', city: 'Berlin', region: null, postcode: '10115', country: 'DE' };
const HAMBURG: PostalAddress = { street: null, city: 'Hamburg', region: 'HH', postcode: null, country: 'DE' };
const addressSet = (addressType: CustomerAddressSet['data']['addressType'], address = BERLIN): CustomerAddressSet => ({
  type: 'CustomerAddressSet',
  data: { customerId: CUSTOMER_ID, addressType, address },
});
const setAddress = (addressType: string, address: unknown) =>
  customerCommand('SetCustomerAddress', { customerId: CUSTOMER_ID, addressType, address } as never);
const removeAddress = (addressType: string) => customerCommand('RemoveCustomerAddress', { customerId: CUSTOMER_ID, addressType } as never);

describe('SetCustomerAddress', () => {
  it('records the address cleaned up, absent parts as null', () =>
    customer
      .given([customerRegistered()])
      .when(setAddress('billing', { street: ' Hauptstraße 1 ', city: 'Berlin ', postcode: '10115', country: 'de' }))
      .then([addressSet('billing')]));

  it('replaces the address of that type and leaves the others', () =>
    customer
      .given([customerRegistered(), addressSet('billing'), addressSet('shipping')])
      .when(setAddress('billing', HAMBURG))
      .then([addressSet('billing', HAMBURG)]));

  it('records nothing when the address is the one the customer has', () =>
    customer
      .given([customerRegistered(), addressSet('billing')])
      .when(setAddress('billing', { ...BERLIN, street: 'Hauptstraße 1 ' }))
      .then([]));

  it('refuses an address without a city, with an unknown country, or too long a street', () => {
    customer
      .given([customerRegistered()])
      .when(setAddress('billing', { city: ' ', country: 'DE' }))
      .thenThrows(TextRequired, 'text-required');
    customer
      .given([customerRegistered()])
      .when(setAddress('billing', { city: 'Berlin', country: 'XX' }))
      .thenThrows(UnknownCountry);
    customer
      .given([customerRegistered()])
      .when(setAddress('billing', { city: 'Berlin', country: 'DE', street: 'x'.repeat(301) }))
      .thenThrows(TextTooLong);
    customer.given([customerRegistered()]).when(setAddress('billing', null)).thenThrows(TextRequired);
  });

  it('refuses an address type other than billing, shipping and visiting', () =>
    customer.given([customerRegistered()]).when(setAddress('home', BERLIN)).thenThrows(InvalidChoice, 'invalid-choice'));
});

describe('RemoveCustomerAddress', () => {
  it('removes the address of that type', () =>
    customer
      .given([customerRegistered(), addressSet('billing')])
      .when(removeAddress('billing'))
      .then([{ type: 'CustomerAddressRemoved', data: { customerId: CUSTOMER_ID, addressType: 'billing' } }]));

  it('records nothing when the customer has no address of that type', () =>
    customer
      .given([customerRegistered(), addressSet('shipping')])
      .when(removeAddress('billing'))
      .then([]));
});

describe('RegisterCustomer with addresses', () => {
  it('records each address given after the registration', () =>
    customer
      .given([])
      .when(
        customerCommand('RegisterCustomer', {
          customerId: CUSTOMER_ID,
          kind: 'company',
          name: 'Acme Tools GmbH',
          addresses: { billing: BERLIN, visiting: HAMBURG },
        }),
      )
      .then([customerRegistered({ registeredAt: TEST_NOW.toISOString() }), addressSet('billing'), addressSet('visiting', HAMBURG)]));
});

describe('the state of a customer with addresses', () => {
  const stateAfter = (...events: CustomerEvent[]) => fold(customerDecider, events) as Customer;

  it('holds one address per type, without the removed ones, and none once erased', () => {
    const removed: CustomerEvent = { type: 'CustomerAddressRemoved', data: { customerId: CUSTOMER_ID, addressType: 'billing' } };
    expect(stateAfter(customerRegistered(), addressSet('billing'), addressSet('shipping', HAMBURG), removed).addresses).toEqual({
      shipping: HAMBURG,
    });
    const erased: CustomerEvent = {
      type: 'CustomerErased',
      data: { customerId: CUSTOMER_ID, legalBasis: 'objection', requestReference: null, erasedAt: TEST_NOW.toISOString() },
    };
    expect(stateAfter(customerRegistered(), addressSet('billing'), erased).addresses).toEqual({});
  });

  it('is located at its visiting address, else its billing one, else its shipping one', () => {
    expect(customerLocation({ shipping: HAMBURG, billing: BERLIN })).toBe(BERLIN);
    expect(customerLocation({ shipping: HAMBURG, billing: BERLIN, visiting: HAMBURG })).toBe(HAMBURG);
    expect(customerLocation({ shipping: HAMBURG })).toBe(HAMBURG);
    expect(customerLocation({})).toBeUndefined();
  });
});
