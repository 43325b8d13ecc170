import { EVENT_TYPES } from '@ledgerline/domain';
import type { RecordedEvent } from '@ledgerline/event-store';
import type { Projection, ProjectionTarget } from '../runner/projection';
import { projectCustomerDeals, projectCustomerInteractions, projectCustomerPurchases, refreshCustomerFacts } from './customer-facts';
import { projectCustomerProfiles } from './customer-profile';

const DEAL_TYPES = new Set(['DealOpened', 'DealAmountChanged', 'DealWon', 'DealLost', 'DealReopened']);
const INTERACTION_TYPES = new Set<string>(EVENT_TYPES.interaction);
const CUSTOMER_TYPES = new Set<string>(EVENT_TYPES.customer);

/**
 * Customer list and 360 view: the profile, plus facts from deals, interactions and purchases.
 * Profiles go first so that facts of a customer registered in the same batch find its row.
 */
export const customersProjection: Projection = {
  name: 'customers',
  version: 1,
  eventTypes: new Set([...CUSTOMER_TYPES, ...DEAL_TYPES, ...INTERACTION_TYPES]),
  tables: ['crm.customers', 'crm.customer_deals', 'crm.customer_interactions', 'crm.customer_purchases'],
  async handle(events: readonly RecordedEvent[], target: ProjectionTarget): Promise<void> {
    const of = (types: ReadonlySet<string>) => events.filter((event) => types.has(event.type));
    await projectCustomerProfiles(of(CUSTOMER_TYPES), target);
    const touched = [
      ...(await projectCustomerDeals(of(DEAL_TYPES), target)),
      ...(await projectCustomerInteractions(of(INTERACTION_TYPES), target)),
      ...(await projectCustomerPurchases(
        events.filter((event) => event.type === 'CustomerPurchaseRecorded'),
        target,
      )),
    ];
    await refreshCustomerFacts(touched, target);
  },
};
