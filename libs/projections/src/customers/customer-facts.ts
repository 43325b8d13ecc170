import {
  unreachable,
  type CustomerPurchaseItemsReturned,
  type CustomerPurchaseRecorded,
  type CustomerPurchaseReversed,
  type DealEvent,
  type InteractionEvent,
} from '@ledgerline/domain';
import type { ProjectionTarget } from '../runner/projection';
import type { ProjectedEvent } from '../runner/projected-event';
import { projectRows, type RowProjection } from '../runner/row-projection';
import { upsertRows } from '../runner/upsert';
import { CUSTOMER_TABLES } from '../read-model-tables';

/** The deal events customer facts depend on: a deal's status and open amount. */
export const CUSTOMER_DEAL_TYPES = [
  'DealOpened',
  'DealAmountChanged',
  'DealWon',
  'DealLost',
  'DealReopened',
] as const satisfies readonly DealEvent['type'][];
export const PURCHASE_TYPES = ['CustomerPurchaseRecorded', 'CustomerPurchaseItemsReturned', 'CustomerPurchaseReversed'] as const;

type CustomerDealEvent = ProjectedEvent<Extract<DealEvent, { type: (typeof CUSTOMER_DEAL_TYPES)[number] }>>;
type PurchaseEvent = ProjectedEvent<CustomerPurchaseRecorded | CustomerPurchaseItemsReturned | CustomerPurchaseReversed>;

type DealRow = { deal_id: string; customer_id: string; status: 'open' | 'won' | 'lost'; amount: string; currency: string };
type InteractionRow = { interaction_id: string; customer_id: string; channel: string; occurred_at: string | Date; deleted: boolean };

/** The deals of each customer, as far as customer facts need them: status and open amount. */
const customerDeals: RowProjection<DealRow, CustomerDealEvent> = {
  table: CUSTOMER_TABLES.deals,
  key: 'deal_id',
  keyOf: (event) => event.data.dealId,
  evolve(row, event) {
    if (event.type === 'DealOpened') {
      const { dealId, customerId, amount, currency } = event.data;
      return { deal_id: dealId, customer_id: customerId, status: 'open', amount, currency };
    }
    if (!row) return undefined;
    switch (event.type) {
      case 'DealAmountChanged':
        return { ...row, amount: event.data.to.amount, currency: event.data.to.currency };
      case 'DealWon':
        return { ...row, status: 'won' };
      case 'DealLost':
        return { ...row, status: 'lost' };
      case 'DealReopened':
        return { ...row, status: 'open' };
      default:
        return unreachable(event);
    }
  },
};

const customerInteractions: RowProjection<InteractionRow, ProjectedEvent<InteractionEvent>> = {
  table: CUSTOMER_TABLES.interactions,
  key: 'interaction_id',
  keyOf: (event) => event.data.interactionId,
  evolve(row, event) {
    if (event.type === 'InteractionLogged') {
      const { interactionId, customerId, channel, occurredAt } = event.data;
      return { interaction_id: interactionId, customer_id: customerId, channel, occurred_at: occurredAt, deleted: false };
    }
    if (!row) return undefined;
    switch (event.type) {
      case 'InteractionDeleted':
        return { ...row, deleted: true };
      case 'InteractionAmended': {
        const { channel, occurredAt } = event.data.changes;
        return { ...row, channel: channel?.to ?? row.channel, occurred_at: occurredAt?.to ?? row.occurred_at };
      }
      default:
        return unreachable(event);
    }
  },
};

export async function projectCustomerDeals(events: readonly CustomerDealEvent[], target: ProjectionTarget): Promise<string[]> {
  return (await projectRows(customerDeals, events, target)).map((row) => row.customer_id);
}

export async function projectCustomerInteractions(
  events: readonly ProjectedEvent<InteractionEvent>[],
  target: ProjectionTarget,
): Promise<string[]> {
  return (await projectRows(customerInteractions, events, target)).map((row) => row.customer_id);
}

/**
 * A repeated order id never reaches the log (the decider drops it); the key guards replays all the same.
 * Returns take their amount off the purchase and their quantities off its items. A reversed purchase no longer
 * counts: its rows go. Recorded, then returned, then reversed is right for any batch, as an order id is never
 * recorded again once reversed.
 */
export async function projectCustomerPurchases(events: readonly PurchaseEvent[], target: ProjectionTarget): Promise<string[]> {
  const dataOf = <T extends PurchaseEvent['type']>(type: T) =>
    events.flatMap((event) => (event.type === type ? [event.data as Extract<PurchaseEvent, { type: T }>['data']] : []));
  const recorded = dataOf('CustomerPurchaseRecorded');
  const returned = dataOf('CustomerPurchaseItemsReturned');
  const reversed = dataOf('CustomerPurchaseReversed');
  await upsertRows(
    target,
    CUSTOMER_TABLES.purchases,
    ['customer_id', 'order_id'],
    recorded.map(({ customerId, orderId, amount, currency, occurredAt }) => ({
      customer_id: customerId,
      order_id: orderId,
      amount,
      currency,
      occurred_at: occurredAt,
      returned_amount: '0',
    })),
  );
  await upsertRows(
    target,
    CUSTOMER_TABLES.purchaseItems,
    ['customer_id', 'order_id', 'sku'],
    recorded.flatMap(({ customerId, orderId, currency, occurredAt, items }) =>
      items.map(({ sku, name, category, quantity, unitPrice, amount }) => ({
        customer_id: customerId,
        order_id: orderId,
        sku,
        name,
        category,
        quantity,
        unit_price: unitPrice,
        amount,
        currency,
        returned_quantity: '0',
        returned_amount: '0',
        occurred_at: occurredAt,
      })),
    ),
  );
  if (returned.length > 0) await takeBackReturns(returned, target);
  if (reversed.length > 0) {
    for (const table of [CUSTOMER_TABLES.purchases, CUSTOMER_TABLES.purchaseItems]) {
      await target.sql.query(
        `DELETE FROM ${target.table(table)} AS p
         USING unnest($1::uuid[], $2::text[]) AS reversed(customer_id, order_id)
         WHERE p.customer_id = reversed.customer_id AND p.order_id = reversed.order_id`,
        [reversed.map((data) => data.customerId), reversed.map((data) => data.orderId)],
      );
    }
  }
  return [...recorded, ...returned, ...reversed].map((data) => data.customerId);
}

/** Several returns of one purchase in a batch add up: summed per row first, as UPDATE ... FROM applies one match per row. */
async function takeBackReturns(returns: readonly CustomerPurchaseItemsReturned['data'][], target: ProjectionTarget): Promise<void> {
  const lines = returns.flatMap(({ customerId, orderId, items }) => items.map((item) => ({ customerId, orderId, ...item })));
  await target.sql.query(
    `UPDATE ${target.table(CUSTOMER_TABLES.purchases)} AS p SET returned_amount = p.returned_amount + r.amount
     FROM (SELECT customer_id, order_id, sum(amount) AS amount
           FROM unnest($1::uuid[], $2::text[], $3::numeric[]) AS r(customer_id, order_id, amount) GROUP BY 1, 2) AS r
     WHERE p.customer_id = r.customer_id AND p.order_id = r.order_id`,
    [returns.map((data) => data.customerId), returns.map((data) => data.orderId), returns.map((data) => data.amount)],
  );
  await target.sql.query(
    `UPDATE ${target.table(CUSTOMER_TABLES.purchaseItems)} AS i
     SET returned_quantity = i.returned_quantity + r.quantity, returned_amount = i.returned_amount + r.amount
     FROM (SELECT customer_id, order_id, sku, sum(quantity) AS quantity, sum(amount) AS amount
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::numeric[], $5::numeric[]) AS r(customer_id, order_id, sku, quantity, amount)
           GROUP BY 1, 2, 3) AS r
     WHERE i.customer_id = r.customer_id AND i.order_id = r.order_id AND i.sku = r.sku`,
    [
      lines.map((line) => line.customerId),
      lines.map((line) => line.orderId),
      lines.map((line) => line.sku),
      lines.map((line) => line.quantity),
      lines.map((line) => line.amount),
    ],
  );
}

/** Recomputes every derived fact of the given customers from their detail rows, in one statement. */
export async function refreshCustomerFacts(customerIds: readonly string[], target: ProjectionTarget): Promise<void> {
  if (customerIds.length === 0) return;
  const deals = target.table(CUSTOMER_TABLES.deals);
  const interactions = target.table(CUSTOMER_TABLES.interactions);
  const purchases = target.table(CUSTOMER_TABLES.purchases);
  await target.sql.query(
    `UPDATE ${target.table(CUSTOMER_TABLES.customers)} AS c SET
       open_deals = d.open_deals, won_deals = d.won_deals, lost_deals = d.lost_deals, open_pipeline_value = d.open_value,
       interaction_count = i.total, interactions_by_channel = i.by_channel,
       last_interaction_at = i.last_at, last_interaction_channel = i.last_channel,
       order_count = p.orders, purchase_totals = p.totals, first_purchase_at = p.first_at, last_purchase_at = p.last_at
     FROM unnest($1::uuid[]) AS affected(customer_id)
     CROSS JOIN LATERAL (
       SELECT count(*) FILTER (WHERE status = 'open') AS open_deals,
              count(*) FILTER (WHERE status = 'won') AS won_deals,
              count(*) FILTER (WHERE status = 'lost') AS lost_deals,
              coalesce((SELECT jsonb_object_agg(currency, value) FROM (
                 SELECT currency, trim_scale(sum(amount))::text AS value FROM ${deals}
                 WHERE customer_id = affected.customer_id AND status = 'open' GROUP BY currency) AS open_by_currency), '{}') AS open_value
       FROM ${deals} WHERE customer_id = affected.customer_id) AS d
     CROSS JOIN LATERAL (
       SELECT count(*) AS total,
              coalesce((SELECT jsonb_object_agg(channel, n) FROM (
                 SELECT channel, count(*) AS n FROM ${interactions}
                 WHERE customer_id = affected.customer_id AND NOT deleted GROUP BY channel) AS by_channel), '{}') AS by_channel,
              max(occurred_at) AS last_at,
              (array_agg(channel ORDER BY occurred_at DESC))[1] AS last_channel
       FROM ${interactions} WHERE customer_id = affected.customer_id AND NOT deleted) AS i
     CROSS JOIN LATERAL (
       SELECT count(*) AS orders, min(occurred_at) AS first_at, max(occurred_at) AS last_at,
              coalesce((SELECT jsonb_object_agg(currency, jsonb_build_object('orders', n, 'total', total)) FROM (
                 SELECT currency, count(*) AS n, trim_scale(sum(amount - returned_amount))::text AS total FROM ${purchases}
                 WHERE customer_id = affected.customer_id GROUP BY currency) AS by_currency), '{}') AS totals
       FROM ${purchases} WHERE customer_id = affected.customer_id) AS p
     WHERE c.customer_id = affected.customer_id`,
    [[...new Set(customerIds)]],
  );
}
