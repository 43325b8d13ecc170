import { applyChanges } from '../shared/changes';
import { unreachable } from '../shared/decider';
import type { InteractionContent, InteractionEvent } from './interaction.events';

export type Interaction = Readonly<
  {
    status: 'logged' | 'deleted';
    interactionId: string;
    customerId: string;
    dealId: string | null;
    deletedAt: string | null;
    deleteReason: string | null;
  } & InteractionContent
>;

/** 'none': the stream holds no event yet. */
export type InteractionState = Readonly<{ status: 'none' }> | Interaction;

export const initialInteractionState = (): InteractionState => ({ status: 'none' });

export const evolveInteraction = (state: InteractionState, event: InteractionEvent): InteractionState => {
  if (event.type === 'InteractionLogged') return { status: 'logged', ...event.data, deletedAt: null, deleteReason: null };
  // A stream always starts with InteractionLogged; nothing else can apply to an empty state.
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'InteractionAmended':
      return applyChanges<Interaction>(state, event.data.changes);
    case 'InteractionDeleted':
      return { ...state, status: 'deleted', deletedAt: event.data.deletedAt, deleteReason: event.data.reason };
    default:
      return unreachable(event);
  }
};
