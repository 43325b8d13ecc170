import { instant } from '../shared/calendar';
import { money } from '../shared/money';
import { requiredText } from '../shared/text';
import type { RecordPurchase, ReversePurchase } from './customer.commands';
import type { CustomerPurchaseRecorded, CustomerPurchaseReversed } from './customer.events';
import { PurchaseNotRecorded } from './customer.errors';
import { requireActiveCustomer } from './customer.guards';
import type { CustomerState } from './customer.state';

const orderIdOf = (value: string): string => requiredText(value, 'orderId', 200);

/** Billing and the ERP may deliver an order twice: a known order id (reversed or not) is taken as already recorded. */
export const recordPurchase = ({ data }: RecordPurchase, state: CustomerState): CustomerPurchaseRecorded[] => {
  const customer = requireActiveCustomer(state, data.customerId);
  const orderId = orderIdOf(data.orderId);
  const { amount, currency } = money(data.amount, data.currency);
  const occurredAt = instant(data.occurredAt, 'occurredAt');
  if (customer.purchases.some((purchase) => purchase.orderId === orderId)) return [];
  return [{ type: 'CustomerPurchaseRecorded', data: { customerId: customer.customerId, orderId, amount, currency, occurredAt } }];
};

/** Takes a recorded purchase back in full; reversing it again changes nothing. */
export const reversePurchase = ({ data }: ReversePurchase, state: CustomerState): CustomerPurchaseReversed[] => {
  const customer = requireActiveCustomer(state, data.customerId);
  const orderId = orderIdOf(data.orderId);
  const reversedAt = instant(data.reversedAt, 'reversedAt');
  const purchase = customer.purchases.find((candidate) => candidate.orderId === orderId);
  if (!purchase) throw new PurchaseNotRecorded(customer.customerId, orderId);
  if (purchase.reversedAt !== undefined) return [];
  const { amount, currency } = purchase;
  return [{ type: 'CustomerPurchaseReversed', data: { customerId: customer.customerId, orderId, amount, currency, reversedAt } }];
};
