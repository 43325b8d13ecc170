import type { Event, LifecycleStage } from '@ledgerline/domain';
import type { ProjectionHarness } from '../testing/projection-harness';
import { customerRegistered } from '../testing/given-events';

/**
 * A small history for the analytics tests, with every kind of correction: a lifecycle move and an owner change, orders
 * on one day across appends, an interaction amended to another day and channel, one deleted, a deal won, reopened,
 * re-priced and won again, a deal moved to another currency and owner. Figures it gives: analytics.projection.int-spec.ts.
 */
export const PIPELINE = '0b6c2d1e-4444-4a1a-8a1a-000000000001';
export const [C1, C2] = [1, 2].map((n) => `0b6c2d1e-1111-4a1a-8a1a-00000000000${n}`);
export const [D1, D2, D3] = [1, 2, 3].map((n) => `0b6c2d1e-2222-4a1a-8a1a-00000000000${n}`);
const [I1, I2, I3] = [1, 2, 3].map((n) => `0b6c2d1e-3333-4a1a-8a1a-00000000000${n}`);

const registered = (customerId: string, owner: string | null, lifecycleStage: LifecycleStage, registeredAt: string): Event =>
  customerRegistered(customerId, { country: null, owner, lifecycleStage, registeredAt });
const purchase = (customerId: string, orderId: string, amount: string, currency: string, occurredAt: string): Event => ({
  type: 'CustomerPurchaseRecorded',
  data: { customerId, orderId, amount, currency, occurredAt, items: [] },
});
const reversed = (customerId: string, orderId: string, amount: string, currency: string): Event => ({
  type: 'CustomerPurchaseReversed',
  data: { customerId, orderId, amount, currency, reversedAt: '2026-02-20T00:00:00.000Z' },
});
const line = (sku: string, category: string | null, quantity: string, amount: string) => ({
  sku,
  name: sku,
  category,
  quantity,
  unitPrice: String(Number(amount) / Number(quantity)),
  amount,
});
const logged = (interactionId: string, customerId: string, channel: string, direction: string, occurredAt: string): Event => ({
  type: 'InteractionLogged',
  data: {
    interactionId,
    customerId,
    dealId: null,
    channel,
    direction,
    occurredAt,
    subject: 'secret',
    summary: null,
    outcome: null,
    followUpDueDate: null,
  },
});
const opened = (dealId: string, amount: string, currency: string, owner: string, openedAt: string): Event => ({
  type: 'DealOpened',
  data: {
    dealId,
    customerId: C1,
    title: 'Seats',
    amount,
    currency,
    pipelineId: PIPELINE,
    stageId: 'lead',
    probability: 10,
    expectedCloseDate: null,
    owner,
    openedAt,
  },
});
const won = (dealId: string, amount: string, wonAt: string): Event => ({
  type: 'DealWon',
  data: { dealId, amount, currency: 'EUR', stageId: 'lead', wonAt },
});

const STAGES = [
  { id: 'lead', name: 'Lead', probability: 10 },
  { id: 'demo', name: 'Demo', probability: 40 },
  { id: 'offer', name: 'Offer', probability: 70 },
];
const moved = (dealId: string, from: string, to: string, changedAt: string): Event => ({
  type: 'DealStageChanged',
  data: { dealId, from, to, probability: 40, changedAt },
});

/** The events of the story below, appended in this order (one append per line, several streams interleaved). */
export async function givenStory(harness: ProjectionHarness): Promise<void> {
  const at = (occurredAt: string) => ({ occurredAt });
  await harness.given(`pipeline-${PIPELINE}`, [{ type: 'PipelineDefined', data: { pipelineId: PIPELINE, name: 'Sales', stages: STAGES } }]);
  await harness.given(`customer-${C1}`, [registered(C1, 'ana', 'lead', '2026-01-10T08:00:00.000Z')]);
  await harness.given(`customer-${C2}`, [registered(C2, null, 'customer', '2026-01-20T23:30:00.000Z')]);
  const lifecycle = (from: string, to: string): Event => ({ type: 'CustomerLifecycleStageChanged', data: { customerId: C1, from, to } });
  await harness.given(`customer-${C1}`, [lifecycle('lead', 'customer')], at('2026-01-15T09:00:00.000Z'));
  await harness.given(`customer-${C1}`, [
    purchase(C1, 'O-1', '10.10', 'EUR', '2026-01-16T10:00:00.000Z'),
    purchase(C1, 'O-3', '7', 'USD', '2026-01-16T19:00:00.000Z'),
  ]);
  await harness.given(`customer-${C2}`, [purchase(C2, 'O-1', '3', 'EUR', '2026-01-16T11:00:00.000Z')]);
  // Same customer, day and currency as O-1, in a later append: still one buying customer that day.
  await harness.given(`customer-${C1}`, [purchase(C1, 'O-2', '5.005', 'EUR', '2026-01-16T18:00:00.000Z')]);
  await harness.given(`interaction-${I1}`, [logged(I1, C1, 'phone', 'inbound', '2026-01-17T10:00:00.000Z')]);
  await harness.given(
    `customer-${C1}`,
    [{ type: 'CustomerOwnerAssigned', data: { customerId: C1, from: 'ana', to: 'bob' } }],
    at('2026-02-01T10:00:00.000Z'),
  );
  await harness.given(`customer-${C1}`, [purchase(C1, 'O-4', '20', 'EUR', '2026-02-05T10:00:00.000Z')]);
  // Reversed: O-2 leaves ana's 16 January with O-1 still bought; O-3 was her only USD order that day, so its buyer goes too.
  await harness.given(`customer-${C1}`, [reversed(C1, 'O-2', '5.005', 'EUR'), reversed(C1, 'O-3', '7', 'USD')]);
  // Bought and reversed in one append, on the day of O-4: bob's day keeps O-4 and its buyer.
  const o6 = purchase(C1, 'O-6', '40', 'EUR', '2026-02-05T12:00:00.000Z');
  await harness.given(`customer-${C1}`, [
    { ...o6, data: { ...o6.data, items: [line('SAW', 'tools', '1', '40')] } },
    reversed(C1, 'O-6', '40', 'EUR'),
  ]);
  // Lines by category; a return takes half of the drills back, on the day of the purchase.
  const o5 = purchase(C2, 'O-5', '60', 'EUR', '2026-02-10T10:00:00.000Z');
  await harness.given(`customer-${C2}`, [
    { ...o5, data: { ...o5.data, items: [line('DRL', 'tools', '2', '50'), line('BIT', null, '1', '10')] } },
  ]);
  await harness.given(`customer-${C2}`, [
    {
      type: 'CustomerPurchaseItemsReturned',
      data: {
        customerId: C2,
        orderId: 'O-5',
        returnId: 'CN-1',
        items: [{ sku: 'DRL', quantity: '1', amount: '25' }],
        amount: '25',
        currency: 'EUR',
        returnedAt: '2026-02-15T10:00:00.000Z',
      },
    },
  ]);
  // Logged while ana owned the customer: amended later, it stays in ana's book, on its new day and channel.
  await harness.given(`interaction-${I1}`, [
    {
      type: 'InteractionAmended',
      data: {
        interactionId: I1,
        changes: {
          occurredAt: { from: '2026-01-17T10:00:00.000Z', to: '2026-02-12T10:00:00.000Z' },
          channel: { from: 'phone', to: 'email' },
        },
      },
    },
  ]);
  await harness.given(`interaction-${I2}`, [logged(I2, C1, 'meeting', 'outbound', '2026-02-20T10:00:00.000Z')]);
  await harness.given(`interaction-${I3}`, [logged(I3, C2, 'note', 'outbound', '2026-02-21T10:00:00.000Z')]);
  await harness.given(`interaction-${I2}`, [
    { type: 'InteractionDeleted', data: { interactionId: I2, reason: null, deletedAt: '2026-02-22T00:00:00.000Z' } },
  ]);
  await harness.given(`customer-${C1}`, [lifecycle('customer', 'churned')], at('2026-03-01T10:00:00.000Z'));
  // Won, reopened, its amount corrected, won again: it counts once, on its last win day, at its last amount.
  await harness.given(`deal-${D1}`, [
    opened(D1, '100', 'EUR', 'ana', '2026-03-01T00:00:00.000Z'),
    won(D1, '100', '2026-03-05T00:00:00.000Z'),
  ]);
  await harness.given(`deal-${D2}`, [
    opened(D2, '80', 'EUR', 'bob', '2026-03-02T00:00:00.000Z'),
    { type: 'DealLost', data: { dealId: D2, reason: 'price', stageId: 'lead', lostAt: '2026-03-04T00:00:00.000Z' } },
  ]);
  await harness.given(`deal-${D1}`, [
    { type: 'DealReopened', data: { dealId: D1, from: 'won', stageId: 'lead', probability: 10, reopenedAt: '2026-03-06T00:00:00.000Z' } },
    { type: 'DealAmountChanged', data: { dealId: D1, from: { amount: '100', currency: 'EUR' }, to: { amount: '150', currency: 'EUR' } } },
    won(D1, '150', '2026-03-10T12:00:00.000Z'),
  ]);
  await harness.given(`deal-${D3}`, [
    opened(D3, '200', 'USD', 'ana', '2026-03-03T00:00:00.000Z'),
    moved(D3, 'lead', 'demo', '2026-03-04T00:00:00.000Z'),
    { type: 'DealAmountChanged', data: { dealId: D3, from: { amount: '200', currency: 'USD' }, to: { amount: '210', currency: 'EUR' } } },
    { type: 'DealReassigned', data: { dealId: D3, from: 'ana', to: 'cy' } },
  ]);
}
