import type { CustomerSnapshot } from '../customer/customer.snapshot';
import type { DealSnapshot } from '../deal/deal.snapshot';
import type { Command } from '../shared/decider';
import type { Channel, Direction } from './interaction.events';

/**
 * `customer` (and `deal`, when the interaction is about one) are what the application read of those
 * records just before (null: not found); the decider checks against them instead of loading anything.
 */
export type LogInteraction = Command<
  'LogInteraction',
  {
    interactionId: string;
    customerId: string;
    channel: Channel;
    direction: Direction;
    /** ISO 8601 date and time with a zone. */
    occurredAt: string;
    subject?: string;
    summary?: string;
    outcome?: string;
    /** YYYY-MM-DD. */
    followUpDueDate?: string;
    customer: CustomerSnapshot;
  } & ({ dealId?: undefined; deal?: undefined } | { dealId: string; deal: DealSnapshot })
>;

/** Mentions only what should change; null clears an optional field. The customer and deal stay. */
export type AmendInteraction = Command<
  'AmendInteraction',
  {
    interactionId: string;
    channel?: Channel;
    direction?: Direction;
    occurredAt?: string;
    subject?: string | null;
    summary?: string | null;
    outcome?: string | null;
    followUpDueDate?: string | null;
  }
>;

export type DeleteInteraction = Command<'DeleteInteraction', { interactionId: string; reason?: string }>;

export type InteractionCommand = LogInteraction | AmendInteraction | DeleteInteraction;
