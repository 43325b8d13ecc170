import { instant } from '../shared/calendar';
import { money } from '../shared/money';
import { requiredText } from '../shared/text';
import type { RecordPurchase } from './customer.commands';
import type { CustomerPurchaseRecorded } from './customer.events';
import { requireActiveCustomer } from './customer.guards';
import type { CustomerState } from './customer.state';

/** Billing and the ERP may deliver an order twice: a known order id is taken as already recorded. */
export const recordPurchase = ({ data }: RecordPurchase, state: CustomerState): CustomerPurchaseRecorded[] => {
  const customer = requireActiveCustomer(state, data.customerId);
  const orderId = requiredText(data.orderId, 'orderId', 200);
  const { amount, currency } = money(data.amount, data.currency);
  const occurredAt = instant(data.occurredAt, 'occurredAt');
  if (customer.purchases.some((purchase) => purchase.orderId === orderId)) return [];
  return [{ type: 'CustomerPurchaseRecorded', data: { customerId: customer.customerId, orderId, amount, currency, occurredAt } }];
};
