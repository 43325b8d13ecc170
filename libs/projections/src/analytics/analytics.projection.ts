import type { Projection } from '../runner/projection';
import { ofTypes } from '../runner/projected-event';
import { ANALYTICS_TABLES } from '../read-model-tables';
import { CUSTOMER_FACT_TYPES, projectCustomerActivity, type CustomerFactEvent } from './customer-activity-facts';
import { DEAL_FACT_TYPES, projectDealFacts, type DealFactEvent } from './deal-facts';

/**
 * Daily facts for analytics and the KPIs: new customers and lifecycle moves, deals opened, won and lost with their
 * amounts, interactions by channel and direction, purchases and revenue. Each batch sums its changes per fact row in
 * memory and writes one upsert of deltas per table; the per-record state tables hold what a correction must retract.
 * What each counter means: docs/read-models.md, "Analytics".
 */
export const analyticsProjection: Projection<CustomerFactEvent | DealFactEvent> = {
  name: 'analytics',
  version: 2,
  eventTypes: [...CUSTOMER_FACT_TYPES, ...DEAL_FACT_TYPES],
  tables: Object.values(ANALYTICS_TABLES),
  async handle(events, target): Promise<void> {
    await projectCustomerActivity(ofTypes(events, CUSTOMER_FACT_TYPES), target);
    await projectDealFacts(ofTypes(events, DEAL_FACT_TYPES), target);
  },
};
