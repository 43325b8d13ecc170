import type { CustomerProfileRow } from './customer-profile';
import { iso } from '../runner/iso';

export type CustomerRow = CustomerProfileRow & {
  open_deals: number;
  won_deals: number;
  lost_deals: number;
  open_pipeline_value: Record<string, string>;
  interaction_count: number;
  interactions_by_channel: Record<string, number>;
  last_interaction_at: Date | null;
  last_interaction_channel: string | null;
  order_count: number;
  purchase_totals: Record<string, { orders: number; total: string }>;
  first_purchase_at: Date | null;
  last_purchase_at: Date | null;
};

/** Exact decimal division for display: numeric(19,4) totals divided by a count, 2 decimals, half up. */
const average = (total: string, count: number): string => {
  const [whole, fraction = ''] = total.split('.');
  const cents = BigInt(whole + fraction.padEnd(4, '0')); // in 1/10000
  const scaled = (cents * 100n + BigInt(count) * 5000n) / (BigInt(count) * 10000n); // in 1/100, rounded half up
  const text = scaled.toString().padStart(3, '0');
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
};

/** The customer 360 view, as the API shows it. */
export const customerView = (row: CustomerRow) => ({
  customerId: row.customer_id,
  kind: row.kind,
  name: row.name,
  email: row.email,
  phone: row.phone,
  country: row.country,
  industry: row.industry,
  owner: row.owner,
  lifecycleStage: row.lifecycle_stage,
  tags: row.tags,
  customFields: row.custom_fields,
  externalReferences: row.external_refs,
  addresses: row.addresses,
  status: row.status,
  registeredAt: iso(row.registered_at),
  archivedAt: iso(row.archived_at),
  archiveReason: row.archive_reason,
  revision: row.revision,
  deals: { open: row.open_deals, won: row.won_deals, lost: row.lost_deals, openPipelineValue: row.open_pipeline_value },
  interactions: {
    count: row.interaction_count,
    byChannel: row.interactions_by_channel,
    lastAt: iso(row.last_interaction_at),
    lastChannel: row.last_interaction_channel,
  },
  purchases: {
    orderCount: row.order_count,
    byCurrency: Object.fromEntries(
      Object.entries(row.purchase_totals).map(([currency, { orders, total }]) => [
        currency,
        { orders, total, averageOrderValue: average(total, orders) },
      ]),
    ),
    firstAt: iso(row.first_purchase_at),
    lastAt: iso(row.last_purchase_at),
  },
});

export type CustomerView = ReturnType<typeof customerView>;
