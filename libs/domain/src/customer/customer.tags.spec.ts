import { TextRequired } from '../shared/text';
import { spec } from '../testing/given-when-then';
import { customerDecider } from './customer.decider';
import { CUSTOMER_ID, customerCommand, customerRegistered } from './customer.fixtures';

const customer = spec(customerDecider);
const tagged = customerRegistered({ tags: ['vip', 'newsletter'] });
const addTags = (...tags: string[]) => customerCommand('AddCustomerTags', { customerId: CUSTOMER_ID, tags });
const removeTags = (...tags: string[]) => customerCommand('RemoveCustomerTags', { customerId: CUSTOMER_ID, tags });

describe('AddCustomerTags', () => {
  it('adds only the tags the customer does not have yet, once each', () =>
    customer
      .given([tagged])
      .when(addTags('vip', 'trade-fair-2025', ' partner ', 'partner'))
      .then([{ type: 'CustomerTagsAdded', data: { customerId: CUSTOMER_ID, tags: ['trade-fair-2025', 'partner'] } }]));

  it('records nothing when the customer has every tag already', () => customer.given([tagged]).when(addTags('newsletter', 'vip')).then([]));

  it('refuses a blank tag', () => customer.given([tagged]).when(addTags('partner', '  ')).thenThrows(TextRequired));
});

describe('RemoveCustomerTags', () => {
  it('removes only the tags the customer has', () =>
    customer
      .given([tagged])
      .when(removeTags('vip', 'unknown'))
      .then([{ type: 'CustomerTagsRemoved', data: { customerId: CUSTOMER_ID, tags: ['vip'] } }]));

  it('records nothing when the customer has none of the tags', () => customer.given([tagged]).when(removeTags('partner')).then([]));

  it('refuses a blank tag', () => customer.given([tagged]).when(removeTags('')).thenThrows(TextRequired));
});
