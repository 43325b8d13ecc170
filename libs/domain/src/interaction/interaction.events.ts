import type { Changes } from '../shared/changes';
import type { Event } from '../shared/decider';
import { eventTypeNames } from '../shared/event-types';

export const CHANNELS = ['email', 'phone', 'meeting', 'sms', 'chat', 'web', 'post', 'note'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DIRECTIONS = ['inbound', 'outbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** What was said and done; everything an amendment may change. */
export type InteractionContent = Readonly<{
  channel: Channel;
  direction: Direction;
  occurredAt: string;
  subject: string | null;
  summary: string | null;
  outcome: string | null;
  followUpDueDate: string | null;
}>;

/** Absent optional fields are null, never missing: every event of a type has the same keys. */
export type InteractionLogged = Event<
  'InteractionLogged',
  { interactionId: string; customerId: string; dealId: string | null } & InteractionContent
>;

/** Holds only the fields that changed. */
export type InteractionAmended = Event<'InteractionAmended', { interactionId: string; changes: Changes<InteractionContent> }>;

export type InteractionDeleted = Event<'InteractionDeleted', { interactionId: string; reason: string | null; deletedAt: string }>;

export type InteractionEvent = InteractionLogged | InteractionAmended | InteractionDeleted;

export const INTERACTION_EVENT_TYPES = eventTypeNames<InteractionEvent['type']>({
  InteractionLogged: true,
  InteractionAmended: true,
  InteractionDeleted: true,
});
