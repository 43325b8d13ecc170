import { changesOf, type PersonalData } from '../shared/personal-data';
import type { InteractionEvent } from './interaction.events';
import type { InteractionState } from './interaction.state';

/** What was said is free text, and it is the customer's: sealed with the key of the customer the interaction is with. */
export const interactionPersonalData: PersonalData<InteractionEvent, InteractionState> = {
  subjectOf: (state) => (state.status === 'none' ? undefined : state.customerId),
  fields: {
    InteractionLogged: ['subject', 'summary', 'outcome'],
    InteractionAmended: changesOf('subject', 'summary', 'outcome'),
    InteractionDeleted: ['reason'],
  },
};
