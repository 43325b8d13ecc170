import { InvalidInstant } from '../shared/calendar';
import { InvalidAmount, UnknownCurrency } from '../shared/money';
import { TextRequired } from '../shared/text';
import { spec } from '../testing/given-when-then';
import type { ReversePurchase } from './customer.commands';
import { customerDecider } from './customer.decider';
import { PurchaseNotRecorded } from './customer.errors';
import type { CustomerPurchaseReversed } from './customer.events';
import {
  CUSTOMER_ID,
  customerCommand,
  customerRegistered,
  purchaseRecorded as purchaseRecordedWith,
  recordPurchase,
} from './customer.fixtures';

const customer = spec(customerDecider);
const purchaseRecorded = purchaseRecordedWith();

describe('RecordPurchase', () => {
  it('records a purchase with a canonical amount and the moment in UTC', () =>
    customer
      .given([customerRegistered()])
      .when(recordPurchase({ currency: 'eur' }))
      .then([purchaseRecorded]));

  it('records nothing for an order it has recorded already', () =>
    customer.given([customerRegistered(), purchaseRecorded]).when(recordPurchase()).then([]));

  it('records a second order', () =>
    customer
      .given([customerRegistered(), purchaseRecorded])
      .when(recordPurchase({ orderId: 'SO-1002', amount: '0.0000' }))
      .then([{ type: 'CustomerPurchaseRecorded', data: { ...purchaseRecorded.data, orderId: 'SO-1002', amount: '0' } }]));

  it.each([
    ['a negative amount', { amount: '-1' }, InvalidAmount],
    ['an amount with five decimals', { amount: '1.00001' }, InvalidAmount],
    ['an amount given as a number', { amount: 12.5 as unknown as string }, InvalidAmount],
    ['an unknown currency', { currency: 'EURO' }, UnknownCurrency],
    ['a date without a time', { occurredAt: '2025-02-14' }, InvalidInstant],
    ['a blank order id', { orderId: '' }, TextRequired],
  ])('refuses %s', (_case, data, error) => customer.given([customerRegistered()]).when(recordPurchase(data)).thenThrows(error));
});

const reversePurchase = (data: Partial<ReversePurchase['data']> = {}) =>
  customerCommand('ReversePurchase', { customerId: CUSTOMER_ID, orderId: 'SO-1001', reversedAt: '2025-02-20T08:00:00Z', ...data });
const purchaseReversed: CustomerPurchaseReversed = {
  type: 'CustomerPurchaseReversed',
  data: { customerId: CUSTOMER_ID, orderId: 'SO-1001', amount: '1250.5', currency: 'EUR', reversedAt: '2025-02-20T08:00:00.000Z' },
};

describe('ReversePurchase', () => {
  it('reverses a recorded purchase in full, with its amount and currency', () =>
    customer
      .given([customerRegistered(), purchaseRecorded])
      .when(reversePurchase({ orderId: ' SO-1001 ' }))
      .then([purchaseReversed]));

  it('records nothing for a purchase reversed already', () =>
    customer.given([customerRegistered(), purchaseRecorded, purchaseReversed]).when(reversePurchase()).then([]));

  it('does not record a reversed order again', () =>
    customer.given([customerRegistered(), purchaseRecorded, purchaseReversed]).when(recordPurchase()).then([]));

  it('refuses an order the customer has no purchase for', () =>
    customer
      .given([customerRegistered(), purchaseRecorded])
      .when(reversePurchase({ orderId: 'SO-9' }))
      .thenThrows(PurchaseNotRecorded, 'purchase-not-recorded'));

  it('refuses a moment without a time', () =>
    customer
      .given([customerRegistered(), purchaseRecorded])
      .when(reversePurchase({ reversedAt: '2025-02-20' }))
      .thenThrows(InvalidInstant));
});
