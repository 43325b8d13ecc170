import { assertValidAppend } from './append-rules';
import { DuplicateEventId, WrongExpectedRevision, type AppendOutcome, type AppendRequest, type EventStore } from './event-store.port';

/** The checks every adapter makes before an appendMany, so that they all refuse alike. */
export function assertValidAppendMany(requests: readonly AppendRequest[]): void {
  const streams = new Set<string>();
  for (const { streamId, events } of requests) {
    assertValidAppend(streamId, events);
    if (streams.has(streamId)) throw new Error(`appendMany: stream ${streamId} appears twice; give all its events in one request`);
    streams.add(streamId);
  }
}

/** A refusal `append` reports by throwing becomes that request's outcome; anything else (the store away) fails the call. */
export async function appendOutcome(append: () => ReturnType<EventStore['append']>): Promise<AppendOutcome> {
  try {
    return { ok: true, result: await append() };
  } catch (error) {
    if (error instanceof WrongExpectedRevision || error instanceof DuplicateEventId) return { ok: false, error };
    throw error;
  }
}

/** appendMany as concurrent single appends: for stores without a multi-stream write, and as a fallback. */
export function appendEach(store: Pick<EventStore, 'append'>, requests: readonly AppendRequest[]): Promise<AppendOutcome[]> {
  return Promise.all(requests.map(({ streamId, events, expected }) => appendOutcome(() => store.append(streamId, events, expected))));
}
