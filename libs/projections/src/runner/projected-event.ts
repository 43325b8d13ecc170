import type { DomainEvent } from '@ledgerline/domain';
import type { RecordedEvent } from '@ledgerline/event-store';
import type { Projection } from './projection';

/**
 * A stored event as a projection sees it: the domain event (type and typed data) with where and when it was
 * recorded. Distributed over the union, so a `switch (event.type)` narrows `event.data`.
 */
export type ProjectedEvent<E extends DomainEvent = DomainEvent> = E extends DomainEvent
  ? Omit<RecordedEvent, 'type' | 'data'> & Readonly<{ type: E['type']; data: E['data'] }>
  : never;

/**
 * The read side's one decode step: the events of the types a projection declared, typed as the domain's events.
 * The store hands them over revealed and upcast already (ProtectedEventStore), in the current shape of each type.
 */
export function projectedEvents<P extends Pick<Projection, 'eventTypes' | 'handle'>>(
  projection: P,
  batch: readonly RecordedEvent[],
): Parameters<P['handle']>[0] {
  const handled = handledTypes(projection.eventTypes);
  return batch.filter((event) => handled.has(event.type)) as unknown as Parameters<P['handle']>[0];
}

/** A projection's types as a set, built once per projection rather than once per batch. */
const HANDLED = new WeakMap<readonly string[], ReadonlySet<string>>();
function handledTypes(eventTypes: readonly string[]): ReadonlySet<string> {
  let handled = HANDLED.get(eventTypes);
  if (!handled) HANDLED.set(eventTypes, (handled = new Set(eventTypes)));
  return handled;
}

/** Narrows a batch to some of its types, e.g. to hand each part of a projection its own events. */
export const ofTypes = <P extends ProjectedEvent, T extends P['type']>(
  events: readonly P[],
  types: readonly T[],
): Extract<P, { type: T }>[] =>
  events.filter((event): event is Extract<P, { type: T }> => (types as readonly string[]).includes(event.type));
