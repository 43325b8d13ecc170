import type { RecordedEvent } from '@ledgerline/event-store';
import type { Projection, ProjectionTarget } from '../runner/projection';
import {
  CUSTOMER_FACT_TYPES,
  CUSTOMER_STATE,
  DAILY_CUSTOMER_FACTS,
  DAILY_INTERACTION_FACTS,
  DAILY_PURCHASE_FACTS,
  INTERACTION_STATE,
  ORDER_STATE,
  projectCustomerActivity,
} from './customer-activity-facts';
import { DAILY_DEAL_FACTS, DEAL_FACT_TYPES, DEAL_STATE, projectDealFacts } from './deal-facts';

/**
 * Daily facts for analytics and the KPIs: new customers and lifecycle moves, deals opened, won and lost with their
 * amounts, interactions by channel and direction, purchases and revenue. Each batch sums its changes per fact row in
 * memory and writes one upsert of deltas per table; the per-record state tables hold what a correction must retract.
 * What each counter means: docs/read-models.md, "Analytics".
 */
export const analyticsProjection: Projection = {
  name: 'analytics',
  version: 1,
  eventTypes: new Set([...CUSTOMER_FACT_TYPES, ...DEAL_FACT_TYPES]),
  tables: [
    DAILY_CUSTOMER_FACTS.table,
    DAILY_DEAL_FACTS.table,
    DAILY_INTERACTION_FACTS.table,
    DAILY_PURCHASE_FACTS.table,
    CUSTOMER_STATE,
    DEAL_STATE,
    INTERACTION_STATE,
    ORDER_STATE,
  ],
  async handle(events: readonly RecordedEvent[], target: ProjectionTarget): Promise<void> {
    await projectCustomerActivity(
      events.filter((event) => CUSTOMER_FACT_TYPES.has(event.type)),
      target,
    );
    await projectDealFacts(
      events.filter((event) => DEAL_FACT_TYPES.has(event.type)),
      target,
    );
  },
};
