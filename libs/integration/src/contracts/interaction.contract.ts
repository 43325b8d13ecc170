import type { InteractionEvent } from '@ledgerline/domain';
import type { Contract } from './contract';
import { pick, publishedChanges } from './pick';

/**
 * crm.interaction.v1: that an interaction happened, on which channel and when. Subject, summary
 * and outcome are free text that may hold anything a person wrote: not published.
 */
export const interactionContract: Contract<InteractionEvent> = {
  topic: 'crm.interaction.v1',
  map: {
    InteractionLogged: (data) => ({
      type: 'crm.interaction.logged.v1',
      data: pick(data, ['interactionId', 'customerId', 'dealId', 'channel', 'direction', 'occurredAt', 'followUpDueDate']),
    }),
    InteractionAmended: ({ interactionId, changes }) => {
      const published = publishedChanges(changes, ['channel', 'direction', 'occurredAt', 'followUpDueDate']);
      return published && { type: 'crm.interaction.amended.v1', data: { interactionId, changes: published } };
    },
    InteractionDeleted: (data) => ({ type: 'crm.interaction.deleted.v1', data: pick(data, ['interactionId', 'deletedAt']) }),
  },
};
