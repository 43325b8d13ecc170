import { InvalidAmount } from '../shared/money';
import { TextRequired } from '../shared/text';
import { spec } from '../testing/given-when-then';
import type { RecordPurchase, ReturnPurchaseItems } from './customer.commands';
import { customerDecider } from './customer.decider';
import { PurchaseIsReversed, PurchaseItemNotRecorded, PurchaseNotRecorded, ReturnExceedsPurchase } from './customer.errors';
import type { CustomerPurchaseItemsReturned } from './customer.events';
import {
  CUSTOMER_ID,
  customerCommand,
  customerRegistered,
  purchaseRecorded as purchaseRecordedWith,
  recordPurchase as recordPurchaseWith,
} from './customer.fixtures';
import { InvalidPurchaseItems, InvalidQuantity, PurchaseItemsDoNotSum, type PurchaseItem } from './customer.purchase-items';

const customer = spec(customerDecider);
const DRILL: PurchaseItem = {
  sku: 'DRL-18V',
  name: 'Cordless drill 18 V',
  category: 'power-tools',
  quantity: '3',
  unitPrice: '129.9',
  amount: '389.7',
};
const BITS: PurchaseItem = { sku: 'BIT-SET', name: 'Drill bit set', category: null, quantity: '2.5', unitPrice: '4', amount: '10.3' };

const recordPurchase = (data: Partial<RecordPurchase['data']> = {}) =>
  recordPurchaseWith({
    amount: '400',
    items: [
      { ...DRILL, sku: ' DRL-18V ', quantity: '3.000' },
      { sku: 'BIT-SET', name: 'Drill bit set', quantity: '2.5', unitPrice: '4.00', amount: '10.30' },
    ],
    ...data,
  });
const purchaseRecorded = purchaseRecordedWith({ amount: '400', items: [DRILL, BITS] });

describe('RecordPurchase with items', () => {
  it('records the items, cleaned up, when they add up to the amount', () =>
    customer.given([customerRegistered()]).when(recordPurchase()).then([purchaseRecorded]));

  it.each([
    ['items that add up to another amount', { amount: '400.01' }, PurchaseItemsDoNotSum, 'purchase-items-do-not-sum'],
    ['an empty list of items', { items: [] }, InvalidPurchaseItems, 'invalid-purchase-items'],
    ['a SKU on two lines', { amount: '779.4', items: [DRILL, DRILL] }, InvalidPurchaseItems, 'invalid-purchase-items'],
    ['a zero quantity', { amount: '389.7', items: [{ ...DRILL, quantity: '0' }] }, InvalidQuantity, 'invalid-quantity'],
    ['a negative unit price', { amount: '389.7', items: [{ ...DRILL, unitPrice: '-1' }] }, InvalidAmount, 'invalid-amount'],
    ['an item without a name', { amount: '389.7', items: [{ ...DRILL, name: ' ' }] }, TextRequired, 'text-required'],
  ])('refuses %s', (_case, data, error, code) =>
    customer
      .given([customerRegistered()])
      .when(recordPurchase(data as Partial<RecordPurchase['data']>))
      .thenThrows(error, code),
  );
});

const returnItems = (items: ReturnPurchaseItems['data']['items'], data: Partial<ReturnPurchaseItems['data']> = {}) =>
  customerCommand('ReturnPurchaseItems', {
    customerId: CUSTOMER_ID,
    orderId: 'SO-1001',
    returnId: 'CN-1',
    items,
    returnedAt: '2025-02-20T08:00:00Z',
    ...data,
  });
const returned = (
  returnId: string,
  items: CustomerPurchaseItemsReturned['data']['items'],
  amount: string,
): CustomerPurchaseItemsReturned => ({
  type: 'CustomerPurchaseItemsReturned',
  data: { customerId: CUSTOMER_ID, orderId: 'SO-1001', returnId, items, amount, currency: 'EUR', returnedAt: '2025-02-20T08:00:00.000Z' },
});

describe('ReturnPurchaseItems', () => {
  const bought = [customerRegistered(), purchaseRecorded];

  it("takes back part of lines, each with its share of the line's amount", () =>
    customer
      .given(bought)
      .when(
        returnItems([
          { sku: 'DRL-18V', quantity: '1' },
          { sku: 'BIT-SET', quantity: '1' },
        ]),
      )
      .then([
        returned(
          'CN-1',
          [
            { sku: 'DRL-18V', quantity: '1', amount: '129.9' },
            { sku: 'BIT-SET', quantity: '1', amount: '4.12' },
          ],
          '134.02',
        ),
      ]));

  it('gives the last of a line what its earlier returns left of the amount, so that returns add up to it exactly', () => {
    const first = returned('CN-1', [{ sku: 'BIT-SET', quantity: '1.5', amount: '6.18' }], '6.18');
    customer
      .given([...bought, first])
      .when(returnItems([{ sku: 'BIT-SET', quantity: '1' }], { returnId: 'CN-2' }))
      .then([returned('CN-2', [{ sku: 'BIT-SET', quantity: '1', amount: '4.12' }], '4.12')]);
  });

  it('records nothing for a return it has recorded already', () =>
    customer
      .given([...bought, returned('CN-1', [{ sku: 'DRL-18V', quantity: '1', amount: '129.9' }], '129.9')])
      .when(returnItems([{ sku: 'DRL-18V', quantity: '1' }]))
      .then([]));

  it('refuses more than is left of a line, naming what is left', () =>
    customer
      .given([...bought, returned('CN-1', [{ sku: 'DRL-18V', quantity: '2', amount: '259.8' }], '259.8')])
      .when(returnItems([{ sku: 'DRL-18V', quantity: '2' }], { returnId: 'CN-2' }))
      .thenThrows(ReturnExceedsPurchase, 'return-exceeds-purchase'));

  it.each([
    ['a SKU the purchase has not', [{ sku: 'SAW-1', quantity: '1' }], {}, PurchaseItemNotRecorded, 'purchase-item-not-recorded'],
    [
      'an order the customer has not',
      [{ sku: 'DRL-18V', quantity: '1' }],
      { orderId: 'SO-9' },
      PurchaseNotRecorded,
      'purchase-not-recorded',
    ],
    ['no items', [], {}, InvalidPurchaseItems, 'invalid-purchase-items'],
    ['a zero quantity', [{ sku: 'DRL-18V', quantity: '0' }], {}, InvalidQuantity, 'invalid-quantity'],
    [
      'a SKU twice',
      [
        { sku: 'DRL-18V', quantity: '1' },
        { sku: 'DRL-18V', quantity: '1' },
      ],
      {},
      InvalidPurchaseItems,
      'invalid-purchase-items',
    ],
  ])('refuses %s', (_case, items, data, error, code) => customer.given(bought).when(returnItems(items, data)).thenThrows(error, code));

  it('refuses a return of a reversed purchase', () =>
    customer
      .given([
        ...bought,
        {
          type: 'CustomerPurchaseReversed',
          data: { customerId: CUSTOMER_ID, orderId: 'SO-1001', amount: '400', currency: 'EUR', reversedAt: '2025-02-19T00:00:00.000Z' },
        },
      ])
      .when(returnItems([{ sku: 'DRL-18V', quantity: '1' }]))
      .thenThrows(PurchaseIsReversed, 'purchase-reversed'));
});
