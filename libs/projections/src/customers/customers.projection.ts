import { EVENT_TYPES } from '@ledgerline/domain';
import type { RecordedEvent } from '@ledgerline/event-store';
import type { Projection, ProjectionTarget } from '../runner/projection';
import { projectCustomerDeals, projectCustomerInteractions, projectCustomerPurchases, refreshCustomerFacts } from './customer-facts';
import { projectCustomerProfiles } from './customer-profile';
import { MEMBERSHIPS, SEGMENTS } from '../segments/segment-membership';
import { projectSegmentMembership } from '../segments/segment-projection';

const DEAL_TYPES = new Set(['DealOpened', 'DealAmountChanged', 'DealWon', 'DealLost', 'DealReopened']);
const INTERACTION_TYPES = new Set<string>(EVENT_TYPES.interaction);
const CUSTOMER_TYPES = new Set<string>(EVENT_TYPES.customer);
const PURCHASE_TYPES = new Set(['CustomerPurchaseRecorded', 'CustomerPurchaseReversed']);
const SEGMENT_TYPES = new Set<string>(EVENT_TYPES.segment);

/**
 * Customer list and 360 view: the profile, plus facts from deals, interactions and purchases; and segment
 * membership, which is decided on those facts in the same transaction (a separate projection would decide
 * on facts of another moment). Profiles go first so that facts of a customer registered in the same batch
 * find its row.
 */
export const customersProjection: Projection = {
  name: 'customers',
  version: 2,
  eventTypes: new Set([...CUSTOMER_TYPES, ...DEAL_TYPES, ...INTERACTION_TYPES, ...SEGMENT_TYPES]),
  tables: ['crm.customers', 'crm.customer_deals', 'crm.customer_interactions', 'crm.customer_purchases', SEGMENTS, MEMBERSHIPS],
  async handle(events: readonly RecordedEvent[], target: ProjectionTarget): Promise<void> {
    const of = (types: ReadonlySet<string>) => events.filter((event) => types.has(event.type));
    await projectCustomerProfiles(of(CUSTOMER_TYPES), target);
    const touched = [
      ...(await projectCustomerDeals(of(DEAL_TYPES), target)),
      ...(await projectCustomerInteractions(of(INTERACTION_TYPES), target)),
      ...(await projectCustomerPurchases(of(PURCHASE_TYPES), target)),
    ];
    await refreshCustomerFacts(touched, target);
    const profiled = of(CUSTOMER_TYPES).map((event) => String(event.data.customerId));
    await projectSegmentMembership(
      of(SEGMENT_TYPES),
      [...profiled, ...touched],
      target,
      events[events.length - 1].recordedAt.toISOString(),
    );
  },
};
