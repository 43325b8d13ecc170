import { CUSTOMER_ID } from '../customer/customer.fixtures';
import { DEAL_ID } from '../deal/deal.fixtures';
import { commandsOf } from '../testing/given-when-then';
import type { InteractionCommand, LogInteraction } from './interaction.commands';
import type { InteractionDeleted, InteractionLogged } from './interaction.events';

export const INTERACTION_ID = '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9';
export { CUSTOMER_ID, DEAL_ID };

export const interactionCommand = commandsOf<InteractionCommand>();

export const logCommand = (data: Partial<LogInteraction['data']> = {}): LogInteraction =>
  interactionCommand('LogInteraction', {
    interactionId: INTERACTION_ID,
    customerId: CUSTOMER_ID,
    channel: 'phone',
    direction: 'outbound',
    occurredAt: '2025-02-10T14:30:00Z',
    customer: { status: 'active' },
    ...data,
  } as LogInteraction['data']);

export const interactionLogged = (data: Partial<InteractionLogged['data']> = {}): InteractionLogged => ({
  type: 'InteractionLogged',
  data: {
    interactionId: INTERACTION_ID,
    customerId: CUSTOMER_ID,
    dealId: null,
    channel: 'phone',
    direction: 'outbound',
    occurredAt: '2025-02-10T14:30:00.000Z',
    subject: null,
    summary: null,
    outcome: null,
    followUpDueDate: null,
    ...data,
  },
});

export const interactionDeleted: InteractionDeleted = {
  type: 'InteractionDeleted',
  data: { interactionId: INTERACTION_ID, reason: null, deletedAt: '2025-02-11T08:00:00.000Z' },
};
