import { unreachable, type CustomerEvent, type InteractionEvent } from '@ledgerline/domain';
import type { ProjectionTarget } from '../runner/projection';
import type { ProjectedEvent } from '../runner/projected-event';
import { ANALYTICS_TABLES } from '../read-model-tables';
import { iso } from '../runner/iso';
import { loadRows, upsertRows } from '../runner/upsert';
import { FactDeltas, ownerKey, utcDay, type FactTable } from './fact-deltas';
import { PurchaseFacts } from './purchase-facts';

const CUSTOMER_STATE = ANALYTICS_TABLES.customers;
const INTERACTION_STATE = ANALYTICS_TABLES.interactions;

export const DAILY_CUSTOMER_FACTS: FactTable = {
  table: ANALYTICS_TABLES.dailyCustomerFacts,
  keys: ['day', 'owner', 'lifecycle_stage'],
  measures: { new_customers: 0, entered: 0, exited: 0, transferred_in: 0, transferred_out: 0 },
};
export const DAILY_INTERACTION_FACTS: FactTable = {
  table: ANALYTICS_TABLES.dailyInteractionFacts,
  keys: ['day', 'owner', 'channel', 'direction'],
  measures: { interactions: 0 },
};

export const CUSTOMER_FACT_TYPES = [
  'CustomerRegistered',
  'CustomerLifecycleStageChanged',
  'CustomerOwnerAssigned',
  'CustomerPurchaseRecorded',
  'CustomerPurchaseItemsReturned',
  'CustomerPurchaseReversed',
  'InteractionLogged',
  'InteractionAmended',
  'InteractionDeleted',
] as const satisfies readonly (CustomerEvent | InteractionEvent)['type'][];

export type CustomerFactEvent = ProjectedEvent<Extract<CustomerEvent | InteractionEvent, { type: (typeof CUSTOMER_FACT_TYPES)[number] }>>;
type PurchaseEvent = Extract<
  CustomerFactEvent,
  { type: 'CustomerPurchaseRecorded' | 'CustomerPurchaseItemsReturned' | 'CustomerPurchaseReversed' }
>;

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
/** Lifecycle and owner events carry no time of their own: they happened when the command was decided. */
const decidedAt = (event: CustomerFactEvent): string =>
  iso(typeof event.metadata.occurredAt === 'string' ? event.metadata.occurredAt : event.recordedAt);

function contributeInteraction(interaction: InteractionState, facts: FactDeltas, sign: 1 | -1): void {
  if (interaction.deleted) return;
  const { owner, channel, direction } = interaction;
  facts.add({ day: utcDay(interaction.occurred_at), owner: ownerKey(owner), channel, direction }, { interactions: 1 }, sign);
}

const PURCHASE_TYPES: ReadonlySet<string> = new Set([
  'CustomerPurchaseRecorded',
  'CustomerPurchaseItemsReturned',
  'CustomerPurchaseReversed',
]);

/** Everything the batch reads before folding: the customers, interactions and purchases it touches. */
async function load(events: readonly CustomerFactEvent[], target: ProjectionTarget) {
  const customerIds = new Set<string>();
  const interactionIds = new Set<string>();
  for (const event of events) {
    if ('customerId' in event.data) customerIds.add(event.data.customerId);
    if ('interactionId' in event.data) interactionIds.add(event.data.interactionId);
  }
  const customers = await loadRows<CustomerState>(target, CUSTOMER_STATE, 'customer_id', [...customerIds]);
  const interactions = await loadRows<InteractionState & { occurred_at: Date }>(target, INTERACTION_STATE, 'interaction_id', [
    ...interactionIds,
  ]);
  const purchaseEvents = events.filter((event) => PURCHASE_TYPES.has(event.type)) as PurchaseEvent[];
  return {
    customers,
    interactions: new Map([...interactions].map(([id, row]) => [id, { ...row, occurred_at: iso(row.occurred_at) }])),
    purchases: await PurchaseFacts.load(
      purchaseEvents.map((event) => event.data),
      target,
    ),
  };
}

/**
 * Customer-side facts, folded in $all order: who owns a customer when something happens to it decides whose book the
 * fact is in. Lifecycle moves and owner changes are facts that are never corrected, so they are counted as they come;
 * interactions can be amended or deleted, so each touched one is retracted as stored and added back as it ends up after
 * the batch; purchases are taken back by returns and reversals on the day they happened (PurchaseFacts).
 */
export async function projectCustomerActivity(events: readonly CustomerFactEvent[], target: ProjectionTarget): Promise<void> {
  if (events.length === 0) return;
  const { customers, interactions, purchases } = await load(events, target);
  const customerFacts = new FactDeltas(DAILY_CUSTOMER_FACTS);
  const interactionFacts = new FactDeltas(DAILY_INTERACTION_FACTS);
  for (const interaction of interactions.values()) contributeInteraction(interaction, interactionFacts, -1);
  const stage = (day: string, owner: string | null, lifecycle_stage: string) => ({ day, owner: ownerKey(owner), lifecycle_stage });

  for (const event of events) {
    const customer = 'customerId' in event.data ? customers.get(event.data.customerId) : undefined;
    switch (event.type) {
      case 'CustomerRegistered': {
        const { customerId, owner, lifecycleStage, registeredAt } = event.data;
        customers.set(customerId, { customer_id: customerId, owner, lifecycle_stage: lifecycleStage });
        customerFacts.add(stage(utcDay(registeredAt), owner, lifecycleStage), { new_customers: 1, entered: 1 });
        break;
      }
      case 'CustomerLifecycleStageChanged': {
        if (!customer) break;
        const day = utcDay(decidedAt(event));
        customerFacts.add(stage(day, customer.owner, event.data.from), { exited: 1 });
        customerFacts.add(stage(day, customer.owner, event.data.to), { entered: 1 });
        customer.lifecycle_stage = event.data.to;
        break;
      }
      case 'CustomerOwnerAssigned': {
        if (!customer) break;
        const day = utcDay(decidedAt(event));
        customerFacts.add(stage(day, customer.owner, customer.lifecycle_stage), { transferred_out: 1 });
        customerFacts.add(stage(day, event.data.to, customer.lifecycle_stage), { transferred_in: 1 });
        customer.owner = event.data.to;
        break;
      }
      case 'CustomerPurchaseRecorded':
        purchases.record(event.data, customer?.owner ?? null);
        break;
      case 'CustomerPurchaseItemsReturned':
        purchases.takeBack(event.data);
        break;
      case 'CustomerPurchaseReversed':
        purchases.reverse(event.data);
        break;
      case 'InteractionLogged': {
        const { interactionId, customerId, channel, direction, occurredAt } = event.data;
        interactions.set(interactionId, {
          interaction_id: interactionId,
          customer_id: customerId,
          owner: customer?.owner ?? null,
          channel,
          direction,
          occurred_at: iso(occurredAt),
          deleted: false,
        });
        break;
      }
      case 'InteractionAmended': {
        const interaction = interactions.get(event.data.interactionId);
        if (!interaction) break;
        const { channel, direction, occurredAt } = event.data.changes;
        if (channel) interaction.channel = channel.to;
        if (direction) interaction.direction = direction.to;
        if (occurredAt) interaction.occurred_at = iso(occurredAt.to);
        break;
      }
      case 'InteractionDeleted': {
        const interaction = interactions.get(event.data.interactionId);
        if (interaction) interaction.deleted = true;
        break;
      }
      default:
        unreachable(event);
    }
  }
  for (const interaction of interactions.values()) contributeInteraction(interaction, interactionFacts, 1);
  await upsertRows(target, CUSTOMER_STATE, ['customer_id'], [...customers.values()]);
  await upsertRows(target, INTERACTION_STATE, ['interaction_id'], [...interactions.values()]);
  for (const facts of [customerFacts, interactionFacts]) await facts.write(target);
  await purchases.write(target);
}
