import { requireActiveCustomerSnapshot } from '../customer/customer.snapshot';
import { requireDealSnapshot } from '../deal/deal.snapshot';
import { changesBetween, hasChanges, patchOptional, patchRequired } from '../shared/changes';
import { unreachable, type Decider } from '../shared/decider';
import { recordId } from '../shared/identifiers';
import { optional, optionalText } from '../shared/text';
import type { AmendInteraction, DeleteInteraction, InteractionCommand, LogInteraction } from './interaction.commands';
import type { InteractionAmended, InteractionContent, InteractionDeleted, InteractionEvent, InteractionLogged } from './interaction.events';
import { DealOfAnotherCustomer, InteractionAlreadyLogged, InteractionIsDeleted, InteractionNotFound } from './interaction.errors';
import { evolveInteraction, initialInteractionState, type Interaction, type InteractionState } from './interaction.state';
import { channel, direction, followUpDueDate, occurredAt, outcome, subject, summary } from './interaction.values';

const requireLoggedInteraction = (state: InteractionState, interactionId: string): Interaction => {
  if (state.status === 'none') throw new InteractionNotFound(interactionId);
  if (state.status === 'deleted') throw new InteractionIsDeleted(interactionId);
  return state;
};

/** The deal an interaction is about, if any: it must exist and be the same customer's. */
const dealOf = (data: LogInteraction['data'], customerId: string): string | null => {
  if (data.dealId === undefined) return null;
  const dealId = recordId(data.dealId, 'dealId');
  const deal = requireDealSnapshot(data.deal, dealId);
  if (deal.customerId !== customerId) throw new DealOfAnotherCustomer(dealId, customerId, deal.customerId);
  return dealId;
};

const logInteraction = ({ data }: LogInteraction, state: InteractionState): InteractionLogged[] => {
  if (state.status !== 'none') throw new InteractionAlreadyLogged(data.interactionId);
  const interactionId = recordId(data.interactionId, 'interactionId');
  const customerId = recordId(data.customerId, 'customerId');
  const content: InteractionContent = {
    channel: channel(data.channel),
    direction: direction(data.direction),
    occurredAt: occurredAt(data.occurredAt),
    subject: optional(data.subject, subject),
    summary: optional(data.summary, summary),
    outcome: optional(data.outcome, outcome),
    followUpDueDate: optional(data.followUpDueDate, followUpDueDate),
  };
  requireActiveCustomerSnapshot(data.customer, customerId);
  const dealId = dealOf(data, customerId);
  return [{ type: 'InteractionLogged', data: { interactionId, customerId, dealId, ...content } }];
};

const amendInteraction = ({ data }: AmendInteraction, state: InteractionState): InteractionAmended[] => {
  const interaction = requireLoggedInteraction(state, data.interactionId);
  const changes = changesBetween<InteractionContent>(interaction, {
    channel: patchRequired(data.channel, channel),
    direction: patchRequired(data.direction, direction),
    occurredAt: patchRequired(data.occurredAt, occurredAt),
    subject: patchOptional(data.subject, subject),
    summary: patchOptional(data.summary, summary),
    outcome: patchOptional(data.outcome, outcome),
    followUpDueDate: patchOptional(data.followUpDueDate, followUpDueDate),
  });
  return hasChanges(changes) ? [{ type: 'InteractionAmended', data: { interactionId: interaction.interactionId, changes } }] : [];
};

/** Deleting is final: a deleted interaction refuses every command, a second deletion included. */
const deleteInteraction = ({ data, metadata }: DeleteInteraction, state: InteractionState): InteractionDeleted[] => {
  const interaction = requireLoggedInteraction(state, data.interactionId);
  const reason = optionalText(data.reason, 'reason', 500);
  return [
    { type: 'InteractionDeleted', data: { interactionId: interaction.interactionId, reason, deletedAt: metadata.now.toISOString() } },
  ];
};

export const decideInteraction = (command: InteractionCommand, state: InteractionState): readonly InteractionEvent[] => {
  switch (command.type) {
    case 'LogInteraction':
      return logInteraction(command, state);
    case 'AmendInteraction':
      return amendInteraction(command, state);
    case 'DeleteInteraction':
      return deleteInteraction(command, state);
    default:
      return unreachable(command);
  }
};

export const interactionDecider: Decider<InteractionCommand, InteractionEvent, InteractionState> = {
  initialState: initialInteractionState,
  evolve: evolveInteraction,
  decide: decideInteraction,
};
