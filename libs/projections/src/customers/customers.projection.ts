import {
  CUSTOMER_EVENT_TYPES,
  INTERACTION_EVENT_TYPES,
  SEGMENT_EVENT_TYPES,
  type CustomerEvent,
  type DealEvent,
  type InteractionEvent,
  type SegmentEvent,
} from '@ledgerline/domain';
import type { Projection } from '../runner/projection';
import { ofTypes } from '../runner/projected-event';
import { projectRows } from '../runner/row-projection';
import { CUSTOMER_TABLES } from '../read-model-tables';
import {
  CUSTOMER_DEAL_TYPES,
  projectCustomerDeals,
  projectCustomerInteractions,
  projectCustomerPurchases,
  PURCHASE_TYPES,
  refreshCustomerFacts,
} from './customer-facts';
import { customerProfiles } from './customer-profile';
import { projectSegmentMembership } from '../segments/segment-projection';

type CustomersEvent = CustomerEvent | Extract<DealEvent, { type: (typeof CUSTOMER_DEAL_TYPES)[number] }> | InteractionEvent | SegmentEvent;

/**
 * Customer list and 360 view: the profile, plus facts from deals, interactions and purchases; and segment
 * membership, which is decided on those facts in the same transaction (a separate projection would decide
 * on facts of another moment). Profiles go first so that facts of a customer registered in the same batch
 * find its row.
 */
export const customersProjection: Projection<CustomersEvent> = {
  name: 'customers',
  version: 3,
  eventTypes: [...CUSTOMER_EVENT_TYPES, ...CUSTOMER_DEAL_TYPES, ...INTERACTION_EVENT_TYPES, ...SEGMENT_EVENT_TYPES],
  tables: [
    CUSTOMER_TABLES.customers,
    CUSTOMER_TABLES.deals,
    CUSTOMER_TABLES.interactions,
    CUSTOMER_TABLES.purchases,
    CUSTOMER_TABLES.purchaseItems,
    CUSTOMER_TABLES.segments,
    CUSTOMER_TABLES.memberships,
  ],
  async handle(events, target): Promise<void> {
    const customerEvents = ofTypes(events, CUSTOMER_EVENT_TYPES);
    await projectRows(customerProfiles, customerEvents, target);
    const touched = [
      ...(await projectCustomerDeals(ofTypes(events, CUSTOMER_DEAL_TYPES), target)),
      ...(await projectCustomerInteractions(ofTypes(events, INTERACTION_EVENT_TYPES), target)),
      ...(await projectCustomerPurchases(ofTypes(events, PURCHASE_TYPES), target)),
    ];
    await refreshCustomerFacts(touched, target);
    await projectSegmentMembership(
      ofTypes(events, SEGMENT_EVENT_TYPES),
      [...customerEvents.map((event) => event.data.customerId), ...touched],
      target,
      events[events.length - 1].recordedAt.toISOString(),
    );
  },
};
