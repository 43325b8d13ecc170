import { GENESIS_HASH, linkHash, type EventText } from '@ledgerline/event-store';
import type { ChainBreak } from './chain-break';

/** A stream's last event as verification has seen it. */
export type StreamHead = Readonly<{ revision: number; hash: string }>;

const PRE_CHAIN = '';

const breakAt = (link: Pick<EventText, 'streamId' | 'revision' | 'position'>) => ({
  streamId: link.streamId,
  revision: link.revision,
  position: link.position.toString(),
});

/**
 * Checks links in log order against their streams' hash chains, keeping each stream's head. Each link is checked
 * against its predecessor's stored hash, so one edited event is reported once, at itself, and a hash rewritten to hide
 * an edit is reported at the next event, whose link no longer matches.
 */
export class ChainVerifier {
  private readonly streamHeads = new Map<string, StreamHead>();
  /** Events stored before their stream was chained (hash ""): EventStoreDB logs written before the upgrade. */
  preChain = 0;

  /** Streams whose first link here is not their first (a verification that starts mid-log): their predecessors are needed. */
  unseen(links: readonly EventText[]): EventText[] {
    const firsts = new Map<string, EventText>();
    for (const link of links) if (!this.streamHeads.has(link.streamId) && !firsts.has(link.streamId)) firsts.set(link.streamId, link);
    return [...firsts.values()].filter((link) => link.revision > 0);
  }

  /** Takes a stream's head as stored before the verified range: its hash is trusted, as the range's start. */
  seed(streamId: string, head: StreamHead): void {
    this.streamHeads.set(streamId, head);
  }

  check(link: EventText): ChainBreak | undefined {
    const head = this.streamHeads.get(link.streamId) ?? { revision: -1, hash: GENESIS_HASH };
    this.streamHeads.set(link.streamId, { revision: link.revision, hash: link.hash });
    if (link.revision !== head.revision + 1)
      return { problem: 'revision-gap', ...breakAt(link), expected: `revision ${head.revision + 1}`, found: `revision ${link.revision}` };
    // Unhashed events may only open a stream: once it is chained, a missing hash is a break like any other.
    if (link.hash === PRE_CHAIN && (head.hash === GENESIS_HASH || head.hash === PRE_CHAIN)) {
      this.preChain += 1;
      return undefined;
    }
    const expected = linkHash(head.hash, link);
    return expected === link.hash ? undefined : { problem: 'hash-mismatch', ...breakAt(link), expected, found: link.hash };
  }

  get heads(): ReadonlyMap<string, StreamHead> {
    return this.streamHeads;
  }
}
