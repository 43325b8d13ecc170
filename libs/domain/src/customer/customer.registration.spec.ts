import { InvalidChoice } from '../shared/choice';
import { UnknownCountry } from '../shared/country';
import { InvalidEmail } from '../shared/email';
import { InvalidRecordId } from '../shared/identifiers';
import { InvalidPhone } from '../shared/phone';
import { TextRequired, TextTooLong } from '../shared/text';
import { spec, TEST_NOW } from '../testing/given-when-then';
import type { RegisterCustomer } from './customer.commands';
import { customerDecider } from './customer.decider';
import { CustomerAlreadyRegistered, CustomerIsArchived, CustomerNotFound } from './customer.errors';
import { commandsToAnExistingCustomer, CUSTOMER_ID, customerArchived, customerCommand, customerRegistered } from './customer.fixtures';
import { InvalidCustomField } from './customer.values';

const customer = spec(customerDecider);
const register = (data: Partial<RegisterCustomer['data']> = {}) =>
  customerCommand('RegisterCustomer', { customerId: CUSTOMER_ID, kind: 'company', name: 'Acme Tools GmbH', ...data });

describe('RegisterCustomer', () => {
  it('registers a customer with every profile field, cleaned up', () =>
    customer
      .given([])
      .when(
        register({
          kind: 'person',
          name: '  Ada Lovelace ',
          email: ' Ada@Example.COM ',
          phone: '+44 20 7946 0000',
          country: 'gb',
          industry: 'Mathematics',
          owner: 'maria',
          tags: ['vip', ' newsletter ', 'vip'],
          customFields: { shoeSize: 38, newsletter: true, favouriteColour: 'blue' },
          lifecycleStage: 'prospect',
        }),
      )
      .then([
        customerRegistered({
          kind: 'person',
          name: 'Ada Lovelace',
          email: 'ada@example.com',
          phone: '+44 20 7946 0000',
          country: 'GB',
          industry: 'Mathematics',
          owner: 'maria',
          tags: ['vip', 'newsletter'],
          customFields: { shoeSize: 38, newsletter: true, favouriteColour: 'blue' },
          lifecycleStage: 'prospect',
          registeredAt: TEST_NOW.toISOString(),
        }),
      ]));

  it('starts a customer as a lead with nulls for what was not given', () =>
    customer
      .given([])
      .when(register())
      .then([customerRegistered({ registeredAt: TEST_NOW.toISOString() })]));

  it('refuses to register a customer twice', () =>
    customer.given([customerRegistered()]).when(register()).thenThrows(CustomerAlreadyRegistered, 'customer-already-registered'));

  it('refuses to register an archived customer again', () =>
    customer.given([customerRegistered(), customerArchived]).when(register()).thenThrows(CustomerAlreadyRegistered));

  it.each([
    ['an id that is not a UUID', { customerId: 'acme' }, InvalidRecordId, 'invalid-id'],
    ['an unknown kind', { kind: 'robot' as 'person' }, InvalidChoice, 'invalid-choice'],
    ['a blank name', { name: '   ' }, TextRequired, 'text-required'],
    ['a name longer than 200 characters', { name: 'x'.repeat(201) }, TextTooLong, 'text-too-long'],
    ['an invalid e-mail', { email: 'ada@' }, InvalidEmail, 'invalid-email'],
    ['an invalid phone', { phone: 'call me' }, InvalidPhone, 'invalid-phone'],
    ['an unknown country', { country: 'XX' }, UnknownCountry, 'invalid-country'],
    ['a blank industry', { industry: '' }, TextRequired, 'text-required'],
    ['a blank owner', { owner: ' ' }, TextRequired, 'text-required'],
    ['a blank tag', { tags: ['vip', ''] }, TextRequired, 'text-required'],
    ['a custom field key with spaces', { customFields: { 'shoe size': 38 } }, InvalidCustomField, 'invalid-custom-field'],
    ['a custom field holding an object', { customFields: { size: {} as string } }, InvalidCustomField, 'invalid-custom-field'],
    ['a custom field holding NaN', { customFields: { size: Number.NaN } }, InvalidCustomField, 'invalid-custom-field'],
    ['an unknown lifecycle stage', { lifecycleStage: 'fan' as 'lead' }, InvalidChoice, 'invalid-choice'],
  ])('refuses %s', (_case, data, error, code) => customer.given([]).when(register(data)).thenThrows(error, code));
});

describe('ArchiveCustomer', () => {
  it('archives a customer, with a reason', () =>
    customer
      .given([customerRegistered()])
      .when(customerCommand('ArchiveCustomer', { customerId: CUSTOMER_ID, reason: ' Duplicate of Acme AG ' }))
      .then([
        { type: 'CustomerArchived', data: { customerId: CUSTOMER_ID, reason: 'Duplicate of Acme AG', archivedAt: TEST_NOW.toISOString() } },
      ]));

  it('archives a customer without a reason', () =>
    customer
      .given([customerRegistered()])
      .when(customerCommand('ArchiveCustomer', { customerId: CUSTOMER_ID }))
      .then([{ type: 'CustomerArchived', data: { customerId: CUSTOMER_ID, reason: null, archivedAt: TEST_NOW.toISOString() } }]));

  it('refuses a blank reason', () =>
    customer
      .given([customerRegistered()])
      .when(customerCommand('ArchiveCustomer', { customerId: CUSTOMER_ID, reason: ' ' }))
      .thenThrows(TextRequired));
});

describe('a customer that does not exist', () => {
  it.each(commandsToAnExistingCustomer.map((command) => [command.type, command]))('refuses %s', (_type, command) =>
    customer.given([]).when(command).thenThrows(CustomerNotFound, 'customer-not-found'),
  );
});

describe('an archived customer', () => {
  it.each(commandsToAnExistingCustomer.map((command) => [command.type, command]))('refuses %s', (_type, command) =>
    customer.given([customerRegistered(), customerArchived]).when(command).thenThrows(CustomerIsArchived, 'customer-archived'),
  );
});
