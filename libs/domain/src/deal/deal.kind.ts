import { defineRecordKind } from '../shared/record-kind';
import { dealDecider } from './deal.decider';
import { DEAL_EVENT_TYPES } from './deal.events';

export const dealKind = defineRecordKind({
  name: 'deal',
  plural: 'deals',
  idField: 'dealId',
  decider: dealDecider,
  eventTypes: DEAL_EVENT_TYPES,
});
