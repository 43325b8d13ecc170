import type { Event } from '@ledgerline/domain';

/** What one internal event becomes publicly: a versioned type and the data it publishes, or nothing. */
export type PublicEvent = Readonly<{ type: string; data: Record<string, unknown> }> | undefined;

/**
 * A topic's contract: for EVERY internal event type of its record kind, what is published. Being a
 * mapped type over the domain's union, a new internal event fails to compile until it is decided here.
 */
export type Contract<E extends Event> = Readonly<{
  topic: string;
  map: { readonly [T in E['type']]: (data: Extract<E, { type: T }>['data']) => PublicEvent };
}>;
