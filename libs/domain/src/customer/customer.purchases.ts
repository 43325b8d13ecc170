import { instant } from '../shared/calendar';
import { proportion, sumOf, toUnits, fromUnits } from '../shared/decimal';
import { money } from '../shared/money';
import { requiredText } from '../shared/text';
import type { RecordPurchase, ReturnPurchaseItems, ReversePurchase } from './customer.commands';
import type { CustomerPurchaseItemsReturned, CustomerPurchaseRecorded, CustomerPurchaseReversed } from './customer.events';
import { PurchaseIsReversed, PurchaseItemNotRecorded, PurchaseNotRecorded, ReturnExceedsPurchase } from './customer.errors';
import { requireActiveCustomer } from './customer.guards';
import { InvalidPurchaseItems, purchaseItems, quantity, skuOf, type PurchaseItem, type ReturnedItem } from './customer.purchase-items';
import type { Customer, CustomerState, Purchase } from './customer.state';

const orderIdOf = (value: string, field = 'orderId'): string => requiredText(value, field, 200);

/** Billing and the ERP may deliver an order twice: a known order id (reversed or not) is taken as already recorded. */
export const recordPurchase = ({ data }: RecordPurchase, state: CustomerState): CustomerPurchaseRecorded[] => {
  const customer = requireActiveCustomer(state, data.customerId);
  const orderId = orderIdOf(data.orderId);
  const { amount, currency } = money(data.amount, data.currency);
  const occurredAt = instant(data.occurredAt, 'occurredAt');
  const items = data.items === undefined ? [] : purchaseItems(data.items, amount);
  if (customer.purchases.some((purchase) => purchase.orderId === orderId)) return [];
  return [{ type: 'CustomerPurchaseRecorded', data: { customerId: customer.customerId, orderId, amount, currency, occurredAt, items } }];
};

const purchaseOf = (customer: Customer, orderId: string): Purchase => {
  const purchase = customer.purchases.find((candidate) => candidate.orderId === orderId);
  if (!purchase) throw new PurchaseNotRecorded(customer.customerId, orderId);
  return purchase;
};

/** Takes a recorded purchase back in full; reversing it again changes nothing. */
export const reversePurchase = ({ data }: ReversePurchase, state: CustomerState): CustomerPurchaseReversed[] => {
  const customer = requireActiveCustomer(state, data.customerId);
  const orderId = orderIdOf(data.orderId);
  const reversedAt = instant(data.reversedAt, 'reversedAt');
  const purchase = purchaseOf(customer, orderId);
  if (purchase.reversedAt !== undefined) return [];
  const { amount, currency } = purchase;
  return [{ type: 'CustomerPurchaseReversed', data: { customerId: customer.customerId, orderId, amount, currency, reversedAt } }];
};

/** How much of a line its earlier returns took back. */
const returnedOf = (purchase: Purchase, sku: string): { quantity: bigint; amount: bigint } =>
  purchase.returns
    .flatMap((returned) => returned.items.filter((item) => item.sku === sku))
    .reduce((sum, item) => ({ quantity: sum.quantity + toUnits(item.quantity), amount: sum.amount + toUnits(item.amount) }), {
      quantity: 0n,
      amount: 0n,
    });

/** The share of the line's amount that goes with the quantity; the last of a line takes what is left, so returns sum exactly. */
const returnedItem = (purchase: Purchase, line: PurchaseItem, returning: string): ReturnedItem => {
  const before = returnedOf(purchase, line.sku);
  const left = toUnits(line.quantity) - before.quantity;
  if (toUnits(returning) > left) throw new ReturnExceedsPurchase(purchase.orderId, line.sku, fromUnits(left));
  const amount =
    toUnits(returning) === left ? fromUnits(toUnits(line.amount) - before.amount) : proportion(line.amount, returning, line.quantity);
  return { sku: line.sku, quantity: returning, amount };
};

/** A return of part of a purchase's lines; a known return id is taken as already recorded. */
export const returnPurchaseItems = ({ data }: ReturnPurchaseItems, state: CustomerState): CustomerPurchaseItemsReturned[] => {
  const customer = requireActiveCustomer(state, data.customerId);
  const orderId = orderIdOf(data.orderId);
  const returnId = orderIdOf(data.returnId, 'returnId');
  const returnedAt = instant(data.returnedAt, 'returnedAt');
  if (!Array.isArray(data.items) || data.items.length === 0) throw new InvalidPurchaseItems('must name at least one item to return');
  const requested = data.items.map((item, index) => ({
    sku: skuOf(item?.sku, `items[${index}].sku`),
    quantity: quantity(item?.quantity, `items[${index}].quantity`),
  }));
  const purchase = purchaseOf(customer, orderId);
  if (purchase.returns.some((returned) => returned.returnId === returnId)) return [];
  if (purchase.reversedAt !== undefined) throw new PurchaseIsReversed(orderId);
  const items = requested.map(({ sku, quantity: returning }) => {
    const line = purchase.items.find((item) => item.sku === sku);
    if (!line) throw new PurchaseItemNotRecorded(orderId, sku);
    return returnedItem(purchase, line, returning);
  });
  const repeated = items.find((item, index) => items.findIndex((other) => other.sku === item.sku) !== index);
  if (repeated) throw new InvalidPurchaseItems(`name SKU ${JSON.stringify(repeated.sku)} more than once: one line per SKU`);
  const amount = sumOf(items.map((item) => item.amount));
  const { currency } = purchase;
  return [
    {
      type: 'CustomerPurchaseItemsReturned',
      data: { customerId: customer.customerId, orderId, returnId, items, amount, currency, returnedAt },
    },
  ];
};
