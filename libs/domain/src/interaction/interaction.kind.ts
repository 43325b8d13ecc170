import { defineRecordKind } from '../shared/record-kind';
import { interactionDecider } from './interaction.decider';
import { sealedInVersion2 } from '../shared/personal-data';
import { INTERACTION_EVENT_TYPES } from './interaction.events';
import { interactionPersonalData } from './interaction.personal-data';

export const interactionKind = defineRecordKind({
  name: 'interaction',
  plural: 'interactions',
  idField: 'interactionId',
  decider: interactionDecider,
  eventTypes: INTERACTION_EVENT_TYPES,
  personalData: interactionPersonalData,
  upcasters: {
    InteractionLogged: [sealedInVersion2],
    InteractionAmended: [sealedInVersion2],
    InteractionDeleted: [sealedInVersion2],
  },
});
