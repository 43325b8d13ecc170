import { eventHash, GENESIS_HASH, hashMatches, type RecordedEvent } from '@ledgerline/event-store';
import type { ChainBreak } from './chain-break';

/** A stream's last event as verification has seen it. */
export type StreamHead = Readonly<{ revision: number; hash: string }>;

/**
 * Checks events in log order against their streams' hash chains, keeping each stream's head. Each event is checked
 * against its predecessor's stored hash, so one edited event is reported once, at itself, and a hash rewritten to hide
 * an edit is reported at the next event, whose link no longer matches.
 */
export class ChainVerifier {
  private readonly streamHeads = new Map<string, StreamHead>();

  /** Streams whose first event here is not their first (a verification that starts mid-log): their predecessors are needed. */
  unseen(events: readonly RecordedEvent[]): RecordedEvent[] {
    const firsts = new Map<string, RecordedEvent>();
    for (const event of events) if (!this.streamHeads.has(event.streamId) && !firsts.has(event.streamId)) firsts.set(event.streamId, event);
    return [...firsts.values()].filter((event) => event.revision > 0);
  }

  /** Takes a stream's head as stored before the verified range: its hash is trusted, as the range's start. */
  seed(streamId: string, head: StreamHead): void {
    this.streamHeads.set(streamId, head);
  }

  check(event: RecordedEvent): ChainBreak | undefined {
    const head = this.streamHeads.get(event.streamId) ?? { revision: -1, hash: GENESIS_HASH };
    this.streamHeads.set(event.streamId, { revision: event.revision, hash: event.hash });
    const at = { streamId: event.streamId, revision: event.revision, position: event.position.toString() };
    if (event.revision !== head.revision + 1)
      return { problem: 'revision-gap', ...at, expected: `revision ${head.revision + 1}`, found: `revision ${event.revision}` };
    if (hashMatches(head.hash, event, event.hash)) return undefined;
    return { problem: 'hash-mismatch', ...at, expected: eventHash(head.hash, event), found: event.hash };
  }

  get heads(): ReadonlyMap<string, StreamHead> {
    return this.streamHeads;
  }
}
