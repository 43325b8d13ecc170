import type { RecordedEvent } from '@ledgerline/event-store';
import type { ProjectionTarget } from '../runner/projection';
import { loadRows, upsertRows } from '../runner/upsert';

type DealRow = { deal_id: string; customer_id: string; status: 'open' | 'won' | 'lost'; amount: string; currency: string };
type InteractionRow = { interaction_id: string; customer_id: string; channel: string; occurred_at: string | Date; deleted: boolean };

const DEAL_STATUS_AFTER: Readonly<Record<string, DealRow['status']>> = { DealWon: 'won', DealLost: 'lost', DealReopened: 'open' };

/** Folds a batch onto the rows it touches, in order, starting from what the table holds. */
async function foldRows<Row>(
  target: ProjectionTarget,
  table: string,
  key: string,
  events: readonly RecordedEvent[],
  idOf: (event: RecordedEvent) => string,
  apply: (row: Row | undefined, event: RecordedEvent) => Row | undefined,
): Promise<Row[]> {
  const rows = await loadRows<Row>(target, table, key, [...new Set(events.map(idOf))]);
  for (const event of events) {
    const next = apply(rows.get(idOf(event)), event);
    if (next) rows.set(idOf(event), next);
  }
  return [...rows.values()];
}

/** The deals of each customer, as far as customer facts need them: status and open amount. */
export async function projectCustomerDeals(events: readonly RecordedEvent[], target: ProjectionTarget): Promise<string[]> {
  const rows = await foldRows<DealRow>(
    target,
    'crm.customer_deals',
    'deal_id',
    events,
    (event) => String(event.data.dealId),
    (row, { type, data }) => {
      if (type === 'DealOpened') {
        return {
          deal_id: String(data.dealId),
          customer_id: String(data.customerId),
          status: 'open',
          amount: String(data.amount),
          currency: String(data.currency),
        };
      }
      if (!row) return undefined;
      if (type === 'DealAmountChanged') {
        const to = data.to as { amount: string; currency: string };
        return { ...row, amount: to.amount, currency: to.currency };
      }
      const status = DEAL_STATUS_AFTER[type];
      return status ? { ...row, status } : row;
    },
  );
  await upsertRows(target, 'crm.customer_deals', ['deal_id'], rows);
  return rows.map((row) => row.customer_id);
}

export async function projectCustomerInteractions(events: readonly RecordedEvent[], target: ProjectionTarget): Promise<string[]> {
  const rows = await foldRows<InteractionRow>(
    target,
    'crm.customer_interactions',
    'interaction_id',
    events,
    (event) => String(event.data.interactionId),
    (row, { type, data }) => {
      if (type === 'InteractionLogged') {
        return {
          interaction_id: String(data.interactionId),
          customer_id: String(data.customerId),
          channel: String(data.channel),
          occurred_at: String(data.occurredAt),
          deleted: false,
        };
      }
      if (!row) return undefined;
      if (type === 'InteractionDeleted') return { ...row, deleted: true };
      const changes = data.changes as { channel?: { to: string }; occurredAt?: { to: string } };
      return { ...row, channel: changes.channel?.to ?? row.channel, occurred_at: changes.occurredAt?.to ?? row.occurred_at };
    },
  );
  await upsertRows(target, 'crm.customer_interactions', ['interaction_id'], rows);
  return rows.map((row) => row.customer_id);
}

/**
 * A repeated order id never reaches the log (the decider drops it); the key guards replays all the same.
 * A reversed purchase no longer counts: its row goes. Deleting after upserting is right for any batch, as
 * an order id is never recorded again once reversed.
 */
export async function projectCustomerPurchases(events: readonly RecordedEvent[], target: ProjectionTarget): Promise<string[]> {
  const rows = events
    .filter((event) => event.type === 'CustomerPurchaseRecorded')
    .map(({ data }) => ({
      customer_id: String(data.customerId),
      order_id: String(data.orderId),
      amount: String(data.amount),
      currency: String(data.currency),
      occurred_at: String(data.occurredAt),
    }));
  await upsertRows(target, 'crm.customer_purchases', ['customer_id', 'order_id'], rows);
  const reversed = events.filter((event) => event.type === 'CustomerPurchaseReversed').map(({ data }) => data);
  if (reversed.length > 0) {
    await target.sql.query(
      `DELETE FROM ${target.table('crm.customer_purchases')} AS p
       USING unnest($1::uuid[], $2::text[]) AS reversed(customer_id, order_id)
       WHERE p.customer_id = reversed.customer_id AND p.order_id = reversed.order_id`,
      [reversed.map((data) => String(data.customerId)), reversed.map((data) => String(data.orderId))],
    );
  }
  return [...rows, ...reversed.map((data) => ({ customer_id: String(data.customerId) }))].map((row) => row.customer_id);
}

/** Recomputes every derived fact of the given customers from their detail rows, in one statement. */
export async function refreshCustomerFacts(customerIds: readonly string[], target: ProjectionTarget): Promise<void> {
  if (customerIds.length === 0) return;
  const deals = target.table('crm.customer_deals');
  const interactions = target.table('crm.customer_interactions');
  const purchases = target.table('crm.customer_purchases');
  await target.sql.query(
    `UPDATE ${target.table('crm.customers')} AS c SET
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
                 SELECT currency, count(*) AS n, trim_scale(sum(amount))::text AS total FROM ${purchases}
                 WHERE customer_id = affected.customer_id GROUP BY currency) AS by_currency), '{}') AS totals
       FROM ${purchases} WHERE customer_id = affected.customer_id) AS p
     WHERE c.customer_id = affected.customer_id`,
    [[...new Set(customerIds)]],
  );
}
