import type { RecordedEvent } from '@ledgerline/event-store';
import type { ProjectionTarget } from '../runner/projection';
import { iso } from '../runner/iso';
import { loadRows, upsertRows } from '../runner/upsert';
import { FactDeltas, ownerKey, utcDay, type FactTable } from './fact-deltas';

export const CUSTOMER_STATE = 'crm.analytics_customers';
export const INTERACTION_STATE = 'crm.analytics_interactions';
export const ORDER_STATE = 'crm.analytics_orders';

export const DAILY_CUSTOMER_FACTS: FactTable = {
  table: 'crm.daily_customer_facts',
  keys: ['day', 'owner', 'lifecycle_stage'],
  measures: { new_customers: 0, entered: 0, exited: 0, transferred_in: 0, transferred_out: 0 },
};
export const DAILY_INTERACTION_FACTS: FactTable = {
  table: 'crm.daily_interaction_facts',
  keys: ['day', 'owner', 'channel', 'direction'],
  measures: { interactions: 0 },
};
export const DAILY_PURCHASE_FACTS: FactTable = {
  table: 'crm.daily_purchase_facts',
  keys: ['day', 'owner', 'currency'],
  measures: { orders: 0, revenue: 4, customers: 0 },
};

export const CUSTOMER_FACT_TYPES = new Set([
  'CustomerRegistered',
  'CustomerLifecycleStageChanged',
  'CustomerOwnerAssigned',
  'CustomerPurchaseRecorded',
  'InteractionLogged',
  'InteractionAmended',
  'InteractionDeleted',
]);

type CustomerState = { customer_id: string; owner: string | null; lifecycle_stage: string };
type InteractionState = {
  interaction_id: string;
  customer_id: string;
  owner: string | null;
  channel: string;
  direction: string;
  occurred_at: string;
  deleted: boolean;
};
type OrderState = {
  customer_id: string;
  order_id: string;
  owner: string | null;
  currency: string;
  amount: string;
  occurred_at: string;
  day: string;
};
/** An order already stored on a day the batch adds orders to. */
type StoredOrder = Pick<OrderState, 'customer_id' | 'order_id' | 'owner' | 'currency' | 'day'>;

/** Lifecycle and owner events carry no time of their own: they happened when the command was decided. */
const decidedAt = (event: RecordedEvent): string =>
  iso(typeof event.metadata.occurredAt === 'string' ? event.metadata.occurredAt : event.recordedAt);

function contributeInteraction(interaction: InteractionState, facts: FactDeltas, sign: 1 | -1): void {
  if (interaction.deleted) return;
  const { owner, channel, direction } = interaction;
  facts.add({ day: utcDay(interaction.occurred_at), owner: ownerKey(owner), channel, direction }, { interactions: 1 }, sign);
}

/** Everything the batch reads before folding: the customers, interactions and same-day orders it touches. */
async function load(events: readonly RecordedEvent[], target: ProjectionTarget) {
  const customerIds = new Set<string>();
  const interactionIds = new Set<string>();
  const orderDays: [string, string][] = [];
  for (const { type, data } of events) {
    if (data.customerId !== undefined) customerIds.add(String(data.customerId));
    if (data.interactionId !== undefined) interactionIds.add(String(data.interactionId));
    if (type === 'CustomerPurchaseRecorded') orderDays.push([String(data.customerId), utcDay(String(data.occurredAt))]);
  }
  const customers = await loadRows<CustomerState>(target, CUSTOMER_STATE, 'customer_id', [...customerIds]);
  const interactions = await loadRows<InteractionState & { occurred_at: Date }>(target, INTERACTION_STATE, 'interaction_id', [
    ...interactionIds,
  ]);
  const orders: StoredOrder[] =
    orderDays.length === 0
      ? []
      : await target.sql.query(
          `SELECT o.customer_id, o.order_id, o.owner, o.currency, o.day::text AS day
           FROM ${target.table(ORDER_STATE)} AS o
           JOIN unnest($1::uuid[], $2::date[]) AS b(customer_id, day) ON o.customer_id = b.customer_id AND o.day = b.day`,
          [orderDays.map(([customer]) => customer), orderDays.map(([, day]) => day)],
        );
  return {
    customers,
    interactions: new Map([...interactions].map(([id, row]) => [id, { ...row, occurred_at: iso(row.occurred_at) }])),
    orders,
  };
}

/**
 * Customer-side facts, folded in $all order: who owns a customer when something happens to it decides whose book the
 * fact is in. Lifecycle moves, owner changes and purchases are facts that are never corrected, so they are counted as
 * they come; interactions can be amended or deleted, so each touched one is retracted as stored and added back as it
 * ends up after the batch.
 */
export async function projectCustomerActivity(events: readonly RecordedEvent[], target: ProjectionTarget): Promise<void> {
  if (events.length === 0) return;
  const { customers, interactions, orders } = await load(events, target);
  const customerFacts = new FactDeltas(DAILY_CUSTOMER_FACTS);
  const interactionFacts = new FactDeltas(DAILY_INTERACTION_FACTS);
  const purchaseFacts = new FactDeltas(DAILY_PURCHASE_FACTS);
  for (const interaction of interactions.values()) contributeInteraction(interaction, interactionFacts, -1);
  const knownOrders = new Set(orders.map((order) => `${order.customer_id}/${order.order_id}`));
  const buyerDays = new Set(orders.map((order) => JSON.stringify([order.customer_id, order.day, order.currency, ownerKey(order.owner)])));
  const newOrders: OrderState[] = [];
  const stage = (day: string, owner: string | null, lifecycle_stage: string) => ({ day, owner: ownerKey(owner), lifecycle_stage });

  for (const event of events) {
    const data = event.data;
    const customer = customers.get(String(data.customerId));
    switch (event.type) {
      case 'CustomerRegistered': {
        const registered = {
          customer_id: String(data.customerId),
          owner: (data.owner as string | null) ?? null,
          lifecycle_stage: String(data.lifecycleStage),
        };
        customers.set(registered.customer_id, registered);
        const at = stage(utcDay(String(data.registeredAt)), registered.owner, registered.lifecycle_stage);
        customerFacts.add(at, { new_customers: 1, entered: 1 });
        break;
      }
      case 'CustomerLifecycleStageChanged': {
        if (!customer) break;
        const day = utcDay(decidedAt(event));
        customerFacts.add(stage(day, customer.owner, String(data.from)), { exited: 1 });
        customerFacts.add(stage(day, customer.owner, String(data.to)), { entered: 1 });
        customer.lifecycle_stage = String(data.to);
        break;
      }
      case 'CustomerOwnerAssigned': {
        if (!customer) break;
        const day = utcDay(decidedAt(event));
        customerFacts.add(stage(day, customer.owner, customer.lifecycle_stage), { transferred_out: 1 });
        customerFacts.add(stage(day, String(data.to), customer.lifecycle_stage), { transferred_in: 1 });
        customer.owner = String(data.to);
        break;
      }
      case 'CustomerPurchaseRecorded': {
        const order: OrderState = {
          customer_id: String(data.customerId),
          order_id: String(data.orderId),
          owner: customer?.owner ?? null,
          currency: String(data.currency),
          amount: String(data.amount),
          occurred_at: iso(String(data.occurredAt)),
          day: utcDay(String(data.occurredAt)),
        };
        const id = `${order.customer_id}/${order.order_id}`;
        if (knownOrders.has(id)) break;
        knownOrders.add(id);
        newOrders.push(order);
        const buyerDay = JSON.stringify([order.customer_id, order.day, order.currency, ownerKey(order.owner)]);
        const firstThatDay = !buyerDays.has(buyerDay);
        buyerDays.add(buyerDay);
        const key = { day: order.day, owner: ownerKey(order.owner), currency: order.currency };
        purchaseFacts.add(key, { orders: 1, revenue: order.amount, customers: firstThatDay ? 1 : 0 });
        break;
      }
      case 'InteractionLogged':
        interactions.set(String(data.interactionId), {
          interaction_id: String(data.interactionId),
          customer_id: String(data.customerId),
          owner: customer?.owner ?? null,
          channel: String(data.channel),
          direction: String(data.direction),
          occurred_at: iso(String(data.occurredAt)),
          deleted: false,
        });
        break;
      default: {
        const interaction = interactions.get(String(data.interactionId));
        if (!interaction) break;
        if (event.type === 'InteractionDeleted') interaction.deleted = true;
        const changes = (data.changes ?? {}) as { channel?: { to: string }; direction?: { to: string }; occurredAt?: { to: string } };
        if (changes.channel) interaction.channel = changes.channel.to;
        if (changes.direction) interaction.direction = changes.direction.to;
        if (changes.occurredAt) interaction.occurred_at = iso(changes.occurredAt.to);
      }
    }
  }
  for (const interaction of interactions.values()) contributeInteraction(interaction, interactionFacts, 1);
  await upsertRows(target, CUSTOMER_STATE, ['customer_id'], [...customers.values()]);
  await upsertRows(target, INTERACTION_STATE, ['interaction_id'], [...interactions.values()]);
  await upsertRows(target, ORDER_STATE, ['customer_id', 'order_id'], newOrders);
  for (const facts of [customerFacts, interactionFacts, purchaseFacts]) await facts.write(target);
}
