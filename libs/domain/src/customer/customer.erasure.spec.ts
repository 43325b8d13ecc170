import { InvalidChoice } from '../shared/choice';
import { fold } from '../shared/decider';
import { ERASED } from '../shared/personal-data';
import { spec, TEST_NOW } from '../testing/given-when-then';
import { customerDecider } from './customer.decider';
import { CustomerIsErased, CustomerNotFound, InvalidRequestReference } from './customer.errors';
import type { CustomerErased } from './customer.events';
import { commandsToAnExistingCustomer, CUSTOMER_ID, customerArchived, customerCommand, customerRegistered } from './customer.fixtures';

const customer = spec(customerDecider);
const erase = (requestReference?: string) =>
  customerCommand('EraseCustomer', {
    customerId: CUSTOMER_ID,
    legalBasis: 'consent-withdrawn',
    ...(requestReference ? { requestReference } : {}),
  });

const customerErased: CustomerErased = {
  type: 'CustomerErased',
  data: { customerId: CUSTOMER_ID, legalBasis: 'consent-withdrawn', requestReference: 'DSR-2026/117', erasedAt: TEST_NOW.toISOString() },
};

const ada = customerRegistered({
  kind: 'person',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  phone: '+44 20 7946 0000',
  customFields: { shoeSize: 38 },
});

describe('EraseCustomer', () => {
  it('records the erasure with its legal basis and the request it answers, and no personal data', () =>
    customer.given([ada]).when(erase('DSR-2026/117')).then([customerErased]));

  it('erases an archived customer too', () =>
    customer
      .given([ada, customerArchived])
      .when(erase())
      .then([{ ...customerErased, data: { ...customerErased.data, requestReference: null } }]));

  it('changes nothing when the customer was erased already', () => customer.given([ada, customerErased]).when(erase()).then([]));

  it('refuses a customer that does not exist', () => customer.given([]).when(erase()).thenThrows(CustomerNotFound, 'customer-not-found'));

  it('refuses a legal basis that is not a ground of Art. 17(1)', () =>
    customer
      .given([ada])
      .when(customerCommand('EraseCustomer', { customerId: CUSTOMER_ID, legalBasis: 'because' as 'objection' }))
      .thenThrows(InvalidChoice, 'invalid-choice'));

  it.each([
    ['an e-mail', 'ada@example.com'],
    ['a name with a space', 'Ada Lovelace'],
    ['101 characters', 'x'.repeat(101)],
  ])('refuses a request reference that is %s', (_case, reference) =>
    customer.given([ada]).when(erase(reference)).thenThrows(InvalidRequestReference, 'invalid-request-reference'),
  );
});

describe('an erased customer', () => {
  it('keeps none of its personal data in its state, and keeps the rest', () => {
    const state = fold(customerDecider, [ada, customerErased]);
    expect(state).toMatchObject({
      status: 'erased',
      erasedAt: TEST_NOW.toISOString(),
      name: ERASED,
      email: null,
      phone: null,
      customFields: {},
      archiveReason: null,
      kind: 'person',
      registeredAt: ada.data.registeredAt,
    });
  });

  it.each(commandsToAnExistingCustomer.map((command) => [command.type, command]))('refuses %s', (_type, command) =>
    customer.given([ada, customerErased]).when(command).thenThrows(CustomerIsErased, 'customer-erased'),
  );
});
