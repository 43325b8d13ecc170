import type { CustomerPurchaseItemsReturned, CustomerPurchaseRecorded, CustomerPurchaseReversed } from '@ledgerline/domain';
import type { ProjectionTarget } from '../runner/projection';
import { ANALYTICS_TABLES } from '../read-model-tables';
import { iso } from '../runner/iso';
import { upsertRows } from '../runner/upsert';
import { FactDeltas, fromUnits, ownerKey, toUnits, utcDay, type FactTable } from './fact-deltas';

const ORDER_STATE = ANALYTICS_TABLES.orders;
const ITEM_STATE = ANALYTICS_TABLES.orderItems;
const SCALE = 4;

export const DAILY_PURCHASE_FACTS: FactTable = {
  table: ANALYTICS_TABLES.dailyPurchaseFacts,
  keys: ['day', 'owner', 'currency'],
  measures: { orders: 0, revenue: SCALE, customers: 0 },
};
export const DAILY_CATEGORY_FACTS: FactTable = {
  table: ANALYTICS_TABLES.dailyCategoryFacts,
  keys: ['day', 'owner', 'category', 'currency'],
  measures: { quantity: SCALE, revenue: SCALE },
};

type OrderState = {
  customer_id: string;
  order_id: string;
  owner: string | null;
  currency: string;
  amount: string;
  occurred_at: string;
  day: string;
  returned_amount: string;
  reversed_at: string | null;
};
/** A line of an order; category '' when none was given (a key column cannot be null). */
type ItemState = {
  customer_id: string;
  order_id: string;
  sku: string;
  category: string;
  quantity: string;
  amount: string;
  returned_quantity: string;
  returned_amount: string;
};

const ORDER_COLUMNS = `customer_id, order_id, owner, currency, amount::text AS amount, occurred_at, day::text AS day,
  returned_amount::text AS returned_amount, reversed_at`;
const ITEM_COLUMNS = `customer_id, order_id, sku, category, quantity::text AS quantity, amount::text AS amount,
  returned_quantity::text AS returned_quantity, returned_amount::text AS returned_amount`;

const orderId = (customerId: string, order: string) => `${customerId}/${order}`;
const units = (value: string) => toUnits(value, SCALE);
const plus = (value: string, delta: string) => fromUnits(units(value) + units(delta), SCALE);
/** PostgreSQL hands out Dates; the state holds instants as the events do. */
const normalised = (row: OrderState): OrderState => ({ ...row, occurred_at: iso(row.occurred_at), reversed_at: iso(row.reversed_at) });

type PurchaseEventData = CustomerPurchaseRecorded['data'] | CustomerPurchaseItemsReturned['data'] | CustomerPurchaseReversed['data'];

/**
 * Orders, revenue and buying customers per day, and quantity and revenue per product category, all on the day of the
 * purchase and in the book of the customer's owner then. A return takes its amount back there; a reversal takes the
 * whole order back (what returns left of it) and, when it was the customer's only order standing that day, the buyer.
 */
export class PurchaseFacts {
  private readonly purchases = new FactDeltas(DAILY_PURCHASE_FACTS);
  private readonly categories = new FactDeltas(DAILY_CATEGORY_FACTS);
  private readonly touchedOrders = new Set<string>();
  private readonly touchedItems = new Set<ItemState>();

  private constructor(
    private readonly orders: Map<string, OrderState>,
    private readonly lines: Map<string, ItemState[]>,
    /** Orders standing per buyer day ([customer, day, currency, owner]), for the distinct buyers of a day. */
    private readonly standing: Map<string, number>,
  ) {}

  /** Reads the orders and lines the batch corrects, and the orders standing on the days it touches. */
  static async load(events: readonly PurchaseEventData[], target: ProjectionTarget): Promise<PurchaseFacts> {
    const corrected = events.filter((data) => !('occurredAt' in data));
    const orders = new Map<string, OrderState>();
    const lines = new Map<string, ItemState[]>();
    const pairs = (list: readonly [string, string][]) => [list.map(([a]) => a), list.map(([, b]) => b)];
    if (corrected.length > 0) {
      const keys = pairs(corrected.map((data) => [data.customerId, data.orderId]));
      const rows: OrderState[] = await target.sql.query(
        `SELECT ${ORDER_COLUMNS} FROM ${target.table(ORDER_STATE)} AS o
         JOIN unnest($1::uuid[], $2::text[]) AS k(customer_id, order_id) USING (customer_id, order_id)`,
        keys,
      );
      for (const row of rows) orders.set(orderId(row.customer_id, row.order_id), normalised(row));
      const items: ItemState[] = await target.sql.query(
        `SELECT ${ITEM_COLUMNS} FROM ${target.table(ITEM_STATE)} AS i
         JOIN unnest($1::uuid[], $2::text[]) AS k(customer_id, order_id) USING (customer_id, order_id)`,
        keys,
      );
      for (const item of items) {
        const id = orderId(item.customer_id, item.order_id);
        lines.set(id, [...(lines.get(id) ?? []), item]);
      }
    }
    const days: [string, string][] = [
      ...events.flatMap((data): [string, string][] => ('occurredAt' in data ? [[data.customerId, utcDay(data.occurredAt)]] : [])),
      ...[...orders.values()].map((order): [string, string] => [order.customer_id, order.day]),
    ];
    const standing = new Map<string, number>();
    if (days.length > 0) {
      const rows: OrderState[] = await target.sql.query(
        `SELECT DISTINCT ${ORDER_COLUMNS} FROM ${target.table(ORDER_STATE)} AS o
         JOIN unnest($1::uuid[], $2::date[]) AS b(customer_id, day) USING (customer_id, day) WHERE o.reversed_at IS NULL`,
        pairs(days),
      );
      for (const row of rows) {
        const id = orderId(row.customer_id, row.order_id);
        if (!orders.has(id)) orders.set(id, normalised(row));
        standing.set(PurchaseFacts.buyerDay(row), (standing.get(PurchaseFacts.buyerDay(row)) ?? 0) + 1);
      }
    }
    return new PurchaseFacts(orders, lines, standing);
  }

  private static buyerDay(order: OrderState): string {
    return JSON.stringify([order.customer_id, order.day, order.currency, ownerKey(order.owner)]);
  }

  private static key(order: OrderState) {
    return { day: order.day, owner: ownerKey(order.owner), currency: order.currency };
  }

  /** A purchase recorded while the customer had `owner`; an order id known already is not counted again. */
  record(
    { customerId, orderId: order, currency, amount, occurredAt, items }: CustomerPurchaseRecorded['data'],
    owner: string | null,
  ): void {
    const id = orderId(customerId, order);
    if (this.orders.has(id)) return;
    const state: OrderState = {
      customer_id: customerId,
      order_id: order,
      owner,
      currency,
      amount,
      occurred_at: iso(occurredAt),
      day: utcDay(occurredAt),
      returned_amount: '0',
      reversed_at: null,
    };
    this.orders.set(id, state);
    this.touchedOrders.add(id);
    const buyerDay = PurchaseFacts.buyerDay(state);
    const before = this.standing.get(buyerDay) ?? 0;
    this.standing.set(buyerDay, before + 1);
    this.purchases.add(PurchaseFacts.key(state), { orders: 1, revenue: amount, customers: before === 0 ? 1 : 0 });
    const lines = items.map((item) => ({
      customer_id: customerId,
      order_id: order,
      sku: item.sku,
      category: item.category ?? '',
      quantity: item.quantity,
      amount: item.amount,
      returned_quantity: '0',
      returned_amount: '0',
    }));
    this.lines.set(id, lines);
    for (const line of lines) {
      this.touchedItems.add(line);
      this.categories.add({ ...PurchaseFacts.key(state), category: line.category }, { quantity: line.quantity, revenue: line.amount });
    }
  }

  takeBack({ customerId, orderId: order, items, amount }: CustomerPurchaseItemsReturned['data']): void {
    const id = orderId(customerId, order);
    const state = this.orders.get(id);
    if (!state || state.reversed_at !== null) return;
    state.returned_amount = plus(state.returned_amount, amount);
    this.touchedOrders.add(id);
    this.purchases.add(PurchaseFacts.key(state), { revenue: amount }, -1);
    for (const item of items) {
      const line = this.lines.get(id)?.find((candidate) => candidate.sku === item.sku);
      if (!line) continue;
      line.returned_quantity = plus(line.returned_quantity, item.quantity);
      line.returned_amount = plus(line.returned_amount, item.amount);
      this.touchedItems.add(line);
      this.categories.add({ ...PurchaseFacts.key(state), category: line.category }, { quantity: item.quantity, revenue: item.amount }, -1);
    }
  }

  reverse({ customerId, orderId: order, reversedAt }: CustomerPurchaseReversed['data']): void {
    const id = orderId(customerId, order);
    const state = this.orders.get(id);
    if (!state || state.reversed_at !== null) return;
    state.reversed_at = iso(reversedAt);
    this.touchedOrders.add(id);
    const buyerDay = PurchaseFacts.buyerDay(state);
    const before = this.standing.get(buyerDay) ?? 1;
    this.standing.set(buyerDay, before - 1);
    const kept = units(state.amount) - units(state.returned_amount);
    this.purchases.add(PurchaseFacts.key(state), { orders: 1, revenue: kept, customers: before === 1 ? 1 : 0 }, -1);
    for (const line of this.lines.get(id) ?? []) {
      const quantity = units(line.quantity) - units(line.returned_quantity);
      const revenue = units(line.amount) - units(line.returned_amount);
      this.categories.add({ ...PurchaseFacts.key(state), category: line.category }, { quantity, revenue }, -1);
    }
  }

  async write(target: ProjectionTarget): Promise<void> {
    const orders = [...this.touchedOrders].map((id) => this.orders.get(id) as OrderState);
    await upsertRows(target, ORDER_STATE, ['customer_id', 'order_id'], orders);
    await upsertRows(target, ITEM_STATE, ['customer_id', 'order_id', 'sku'], [...this.touchedItems]);
    await this.purchases.write(target);
    await this.categories.write(target);
  }
}
