import { defineRecordKind } from '../shared/record-kind';
import { interactionDecider } from './interaction.decider';
import { INTERACTION_EVENT_TYPES } from './interaction.events';

export const interactionKind = defineRecordKind({
  name: 'interaction',
  plural: 'interactions',
  idField: 'interactionId',
  decider: interactionDecider,
  eventTypes: INTERACTION_EVENT_TYPES,
});
