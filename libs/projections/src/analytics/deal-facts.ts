import { unreachable, type DealEvent } from '@ledgerline/domain';
import type { ProjectionTarget } from '../runner/projection';
import type { ProjectedEvent } from '../runner/projected-event';
import { ANALYTICS_TABLES } from '../read-model-tables';
import { iso } from '../runner/iso';
import { loadRows, upsertRows } from '../runner/upsert';
import { FactDeltas, ownerKey, utcDay, type FactTable } from './fact-deltas';

const DEAL_STATE = ANALYTICS_TABLES.deals;

export const DAILY_DEAL_FACTS: FactTable = {
  table: ANALYTICS_TABLES.dailyDealFacts,
  keys: ['day', 'owner', 'pipeline_id', 'currency'],
  measures: { opened: 0, won: 0, lost: 0, opened_amount: 4, won_amount: 4, lost_amount: 4, won_cycle_seconds: 3 },
};

export const DEAL_FACT_TYPES = [
  'DealOpened',
  'DealAmountChanged',
  'DealReassigned',
  'DealWon',
  'DealLost',
  'DealReopened',
] as const satisfies readonly DealEvent['type'][];

export type DealFactEvent = ProjectedEvent<Extract<DealEvent, { type: (typeof DEAL_FACT_TYPES)[number] }>>;

/** What the facts need of a deal: its current owner, amount and outcome. */
type DealState = {
  deal_id: string;
  owner: string | null;
  pipeline_id: string;
  currency: string;
  amount: string;
  status: 'open' | 'won' | 'lost';
  opened_at: string;
  closed_at: string | null;
};

/**
 * A deal's whole contribution to the daily facts, a function of its current state only: opened on the day it was
 * opened, won or lost on the day of its current close, at its current amount and currency, under its current owner.
 */
function contribute(deal: DealState, facts: FactDeltas, sign: 1 | -1): void {
  const at = (instant: string) => ({
    day: utcDay(instant),
    owner: ownerKey(deal.owner),
    pipeline_id: deal.pipeline_id,
    currency: deal.currency,
  });
  facts.add(at(deal.opened_at), { opened: 1, opened_amount: deal.amount }, sign);
  if (deal.closed_at === null) return;
  if (deal.status === 'won') {
    const cycleMs = BigInt(Date.parse(deal.closed_at) - Date.parse(deal.opened_at));
    facts.add(at(deal.closed_at), { won: 1, won_amount: deal.amount, won_cycle_seconds: cycleMs }, sign);
  } else {
    facts.add(at(deal.closed_at), { lost: 1, lost_amount: deal.amount }, sign);
  }
}

function evolve(deal: DealState | undefined, event: DealFactEvent): DealState | undefined {
  if (event.type === 'DealOpened') {
    const { dealId, owner, pipelineId, currency, amount, openedAt } = event.data;
    return {
      deal_id: dealId,
      owner,
      pipeline_id: pipelineId,
      currency,
      amount,
      status: 'open',
      opened_at: iso(openedAt),
      closed_at: null,
    };
  }
  if (!deal) return undefined;
  switch (event.type) {
    case 'DealAmountChanged':
      return { ...deal, amount: event.data.to.amount, currency: event.data.to.currency };
    case 'DealReassigned':
      return { ...deal, owner: event.data.to };
    case 'DealWon': {
      const { wonAt, amount, currency } = event.data;
      return { ...deal, status: 'won', closed_at: iso(wonAt), amount, currency };
    }
    case 'DealLost':
      return { ...deal, status: 'lost', closed_at: iso(event.data.lostAt) };
    case 'DealReopened':
      return { ...deal, status: 'open', closed_at: null };
    default:
      return unreachable(event);
  }
}

/**
 * Deal facts stay exact under corrections by retracting each touched deal's contribution as stored before the batch
 * and adding it back as it is after: a reopened deal leaves its old close day, an amount change moves its money.
 */
export async function projectDealFacts(events: readonly DealFactEvent[], target: ProjectionTarget): Promise<void> {
  if (events.length === 0) return;
  const ids = [...new Set(events.map((event) => event.data.dealId))];
  const stored = await loadRows<DealState & { opened_at: Date; closed_at: Date | null }>(target, DEAL_STATE, 'deal_id', ids);
  const facts = new FactDeltas(DAILY_DEAL_FACTS);
  const deals = new Map<string, DealState>();
  for (const [id, row] of stored) {
    const deal = { ...row, amount: String(row.amount), opened_at: iso(row.opened_at), closed_at: iso(row.closed_at) };
    deals.set(id, deal);
    contribute(deal, facts, -1);
  }
  for (const event of events) {
    const next = evolve(deals.get(event.data.dealId), event);
    if (next) deals.set(event.data.dealId, next);
  }
  for (const deal of deals.values()) contribute(deal, facts, 1);
  await upsertRows(target, DEAL_STATE, ['deal_id'], [...deals.values()]);
  await facts.write(target);
}
