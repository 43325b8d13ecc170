import {
  DuplicateEventId,
  WrongExpectedRevision,
  type AppendResult,
  type EventToAppend,
  type ExpectedRevision,
  type GlobalPosition,
  type RecordedEvent,
} from './event-store.port';

/** The revision a stream is at: that of its last event. */
export type StreamRevision = number | 'no-stream';

/** Where an event is stored: what the idempotency check compares. */
export type StoredPlacement = Readonly<{ eventId: string; streamId: string; revision: number; position: GlobalPosition }>;

export const placementOf = (event: RecordedEvent): StoredPlacement => ({
  eventId: event.id,
  streamId: event.streamId,
  revision: event.revision,
  position: event.position,
});

const LOWERCASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Rejects what some adapter could not store faithfully, so that every adapter fails alike and early.
 * `$` prefixes are EventStoreDB's system streams and types, which $all readers leave out.
 * Ids must be lowercase because PostgreSQL's uuid type reads them back lowercase.
 */
export function assertValidAppend(streamId: string, events: readonly EventToAppend[]): void {
  if (streamId === '' || streamId.startsWith('$')) throw new Error(`append: invalid stream id "${streamId}"`);
  if (events.length === 0) throw new Error(`append to ${streamId}: no events`);
  const seen = new Set<string>();
  for (const { id, type } of events) {
    if (!LOWERCASE_UUID.test(id)) throw new Error(`append to ${streamId}: event id "${id}" is not a lowercase uuid`);
    if (seen.has(id)) throw new Error(`append to ${streamId}: event id ${id} appears twice`);
    if (type === '' || type.startsWith('$')) throw new Error(`append to ${streamId}: invalid event type "${type}"`);
    seen.add(id);
  }
}

export function checkExpectedRevision(streamId: string, expected: ExpectedRevision, actual: StreamRevision): void {
  if (expected !== 'any' && expected !== actual) throw new WrongExpectedRevision(streamId, expected, actual);
}

/**
 * Recognises the retry of an append that already succeeded (its acknowledgement was lost): every id
 * is stored in this stream, in this order, where that append put them. Returns that append's result;
 * undefined when none of the ids is stored; DuplicateEventId for anything in between.
 */
export function findPriorAppend(
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  stored: readonly StoredPlacement[],
): AppendResult | undefined {
  if (stored.length === 0) return undefined;
  const byId = new Map(stored.map((placement) => [placement.eventId, placement]));
  const placements = events.map((event) => byId.get(event.id));
  const start = expected === 'any' ? placements[0]?.revision : firstRevisionAfter(expected);
  const last = placements.at(-1);
  const isSameAppend =
    start !== undefined &&
    last !== undefined &&
    placements.every((placement, index) => placement?.streamId === streamId && placement.revision === start + index);
  if (!isSameAppend)
    throw new DuplicateEventId(
      streamId,
      stored.map((placement) => placement.eventId),
    );
  return { nextExpectedRevision: last.revision, position: last.position };
}

/** The revision the first event of an append lands at, given the revision the stream is at. */
export const firstRevisionAfter = (revision: StreamRevision): number => (revision === 'no-stream' ? 0 : revision + 1);
