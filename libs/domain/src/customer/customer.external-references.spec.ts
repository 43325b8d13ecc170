import { InvalidSlug } from '../shared/identifiers';
import { TextRequired } from '../shared/text';
import { spec } from '../testing/given-when-then';
import { customerDecider } from './customer.decider';
import type { CustomerExternalReferenceLinked } from './customer.events';
import { CUSTOMER_ID, customerCommand, customerRegistered } from './customer.fixtures';

const customer = spec(customerDecider);
const link = (system: string, externalId: string) =>
  customerCommand('LinkExternalReference', { customerId: CUSTOMER_ID, system, externalId });
const unlink = (system: string) => customerCommand('UnlinkExternalReference', { customerId: CUSTOMER_ID, system });
const linkedToErp: CustomerExternalReferenceLinked = {
  type: 'CustomerExternalReferenceLinked',
  data: { customerId: CUSTOMER_ID, system: 'erp', externalId: 'C-1001', previousExternalId: null },
};

describe('LinkExternalReference', () => {
  it('links the customer to its id in another system', () =>
    customer.given([customerRegistered()]).when(link('erp', ' C-1001 ')).then([linkedToErp]));

  it('records nothing when the same id is linked again', () =>
    customer.given([customerRegistered(), linkedToErp]).when(link('erp', 'C-1001')).then([]));

  it('replaces the id for a system and says which one it replaced', () =>
    customer
      .given([customerRegistered(), linkedToErp])
      .when(link('erp', 'C-2002'))
      .then([
        {
          type: 'CustomerExternalReferenceLinked',
          data: { customerId: CUSTOMER_ID, system: 'erp', externalId: 'C-2002', previousExternalId: 'C-1001' },
        },
      ]));

  it('keeps one id per system', () =>
    customer
      .given([customerRegistered(), linkedToErp])
      .when(link('billing', 'cus_42'))
      .then([
        {
          type: 'CustomerExternalReferenceLinked',
          data: { customerId: CUSTOMER_ID, system: 'billing', externalId: 'cus_42', previousExternalId: null },
        },
      ]));

  it('treats a system named like a built-in property as any other', () =>
    customer
      .given([customerRegistered()])
      .when(link('constructor', 'K-1'))
      .then([
        {
          type: 'CustomerExternalReferenceLinked',
          data: { customerId: CUSTOMER_ID, system: 'constructor', externalId: 'K-1', previousExternalId: null },
        },
      ]));

  it.each([['ERP'], ['erp system'], ['-erp'], ['']])('refuses the system name %j', (system) =>
    customer.given([customerRegistered()]).when(link(system, 'C-1')).thenThrows(InvalidSlug, 'invalid-slug'),
  );

  it('refuses a blank external id', () => customer.given([customerRegistered()]).when(link('erp', ' ')).thenThrows(TextRequired));
});

describe('UnlinkExternalReference', () => {
  it('unlinks the id the customer had in that system', () =>
    customer
      .given([customerRegistered(), linkedToErp])
      .when(unlink('erp'))
      .then([{ type: 'CustomerExternalReferenceUnlinked', data: { customerId: CUSTOMER_ID, system: 'erp', externalId: 'C-1001' } }]));

  it('records nothing when the customer has no id in that system', () =>
    customer.given([customerRegistered(), linkedToErp]).when(unlink('billing')).then([]));

  it('records nothing for a system named like a built-in property that was never linked', () =>
    customer.given([customerRegistered()]).when(unlink('constructor')).then([]));

  it('refuses an invalid system name', () => customer.given([customerRegistered()]).when(unlink('E R P')).thenThrows(InvalidSlug));
});
