import { InvalidChoice } from '../shared/choice';
import { fold } from '../shared/decider';
import { InvalidEmail } from '../shared/email';
import { TextRequired } from '../shared/text';
import { spec } from '../testing/given-when-then';
import { customerDecider } from './customer.decider';
import type { LifecycleStage } from './customer.events';
import { LifecycleTransitionNotAllowed } from './customer.errors';
import { CUSTOMER_ID, customerCommand, customerRegistered } from './customer.fixtures';
import { InvalidCustomField } from './customer.values';

const customer = spec(customerDecider);
const registered = customerRegistered({
  email: 'ada@example.com',
  phone: '+44 20 7946 0000',
  country: 'GB',
  customFields: { shoeSize: 38, newsletter: true },
});

describe('UpdateCustomerProfile', () => {
  it('records only the fields that change, each with its old and new value', () =>
    customer
      .given([registered])
      .when(
        customerCommand('UpdateCustomerProfile', {
          customerId: CUSTOMER_ID,
          name: 'Acme Tools AG',
          email: 'ADA@example.com',
          country: 'DE',
          industry: 'Manufacturing',
        }),
      )
      .then([
        {
          type: 'CustomerProfileUpdated',
          data: {
            customerId: CUSTOMER_ID,
            changes: {
              name: { from: 'Acme Tools GmbH', to: 'Acme Tools AG' },
              country: { from: 'GB', to: 'DE' },
              industry: { from: null, to: 'Manufacturing' },
            },
          },
        },
      ]));

  it('clears optional fields given as null', () =>
    customer
      .given([registered])
      .when(customerCommand('UpdateCustomerProfile', { customerId: CUSTOMER_ID, email: null, phone: null, industry: null }))
      .then([
        {
          type: 'CustomerProfileUpdated',
          data: {
            customerId: CUSTOMER_ID,
            changes: { email: { from: 'ada@example.com', to: null }, phone: { from: '+44 20 7946 0000', to: null } },
          },
        },
      ]));

  it('adds, changes and removes custom fields one by one', () =>
    customer
      .given([registered])
      .when(
        customerCommand('UpdateCustomerProfile', {
          customerId: CUSTOMER_ID,
          customFields: { shoeSize: 39, newsletter: null, vatId: 'DE123', unknownField: null },
        }),
      )
      .then([
        {
          type: 'CustomerProfileUpdated',
          data: {
            customerId: CUSTOMER_ID,
            changes: {
              customFields: {
                shoeSize: { from: 38, to: 39 },
                newsletter: { from: true, to: null },
                vatId: { from: null, to: 'DE123' },
              },
            },
          },
        },
      ]));

  it('records nothing when every value is already the current one', () =>
    customer
      .given([registered])
      .when(
        customerCommand('UpdateCustomerProfile', {
          customerId: CUSTOMER_ID,
          name: ' Acme Tools GmbH ',
          email: 'Ada@Example.com',
          country: 'gb',
          industry: null,
          customFields: { shoeSize: 38, removedLongAgo: null },
        }),
      )
      .then([]));

  it('records nothing when nothing is mentioned', () =>
    customer
      .given([registered])
      .when(customerCommand('UpdateCustomerProfile', { customerId: CUSTOMER_ID }))
      .then([]));

  it.each([
    ['a blank name', { name: '' }, TextRequired],
    ['an invalid e-mail', { email: 'not-an-address' }, InvalidEmail],
    ['a blank industry (null clears it)', { industry: ' ' }, TextRequired],
    ['an invalid custom field', { customFields: { '1st': 'x' } }, InvalidCustomField],
  ])('refuses %s', (_case, data, error) =>
    customer
      .given([registered])
      .when(customerCommand('UpdateCustomerProfile', { customerId: CUSTOMER_ID, ...data }))
      .thenThrows(error),
  );
});

describe('ChangeLifecycleStage', () => {
  const atStage = (lifecycleStage: LifecycleStage) => customerRegistered({ lifecycleStage });
  const moveTo = (lifecycleStage: LifecycleStage) => customerCommand('ChangeLifecycleStage', { customerId: CUSTOMER_ID, lifecycleStage });

  it.each<[LifecycleStage, LifecycleStage]>([
    ['lead', 'prospect'],
    ['lead', 'customer'],
    ['prospect', 'lead'],
    ['prospect', 'customer'],
    ['customer', 'churned'],
    ['churned', 'customer'],
    ['churned', 'prospect'],
  ])('moves a customer from %s to %s', (from, to) =>
    customer
      .given([atStage(from)])
      .when(moveTo(to))
      .then([{ type: 'CustomerLifecycleStageChanged', data: { customerId: CUSTOMER_ID, from, to } }]),
  );

  it.each<[LifecycleStage, LifecycleStage]>([
    ['lead', 'churned'],
    ['prospect', 'churned'],
    ['customer', 'lead'],
    ['customer', 'prospect'],
    ['churned', 'lead'],
  ])('refuses to move a customer from %s to %s', (from, to) =>
    customer
      .given([atStage(from)])
      .when(moveTo(to))
      .thenThrows(LifecycleTransitionNotAllowed, 'lifecycle-transition-not-allowed'),
  );

  it('says where the customer can go instead', () => {
    expect(() => customerDecider.decide(moveTo('lead'), fold(customerDecider, [atStage('customer')]))).toThrow(
      'A customer cannot move from customer to lead; from customer it can move to churned.',
    );
  });

  it('records nothing when the customer is already at that stage', () =>
    customer
      .given([atStage('prospect')])
      .when(moveTo('prospect'))
      .then([]));

  it('refuses an unknown stage', () =>
    customer
      .given([atStage('lead')])
      .when(moveTo('won' as LifecycleStage))
      .thenThrows(InvalidChoice));
});

describe('AssignCustomerOwner', () => {
  const assign = (owner: string) => customerCommand('AssignCustomerOwner', { customerId: CUSTOMER_ID, owner });

  it('assigns a first owner', () =>
    customer
      .given([customerRegistered()])
      .when(assign('maria'))
      .then([{ type: 'CustomerOwnerAssigned', data: { customerId: CUSTOMER_ID, from: null, to: 'maria' } }]));

  it('hands the customer over to another owner', () =>
    customer
      .given([customerRegistered({ owner: 'maria' })])
      .when(assign('li'))
      .then([{ type: 'CustomerOwnerAssigned', data: { customerId: CUSTOMER_ID, from: 'maria', to: 'li' } }]));

  it('records nothing when the owner stays the same', () =>
    customer
      .given([customerRegistered({ owner: 'maria' })])
      .when(assign(' maria '))
      .then([]));

  it('refuses a blank owner', () => customer.given([customerRegistered()]).when(assign('')).thenThrows(TextRequired));
});
