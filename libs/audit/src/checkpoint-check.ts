import type { RecordedEvent } from '@ledgerline/event-store';
import type { ChainBreak } from './chain-break';
import type { StreamHead } from './chain-verifier';
import { asSignedCheckpoint, type SignedCheckpoint, type SigningKey } from './checkpoint';
import { HonouredRewrites, isRewriteRecord } from './log-rewrite';
import { merkleRoot } from './merkle-root';

type Stated = Readonly<{ event: RecordedEvent; checkpoint: SignedCheckpoint | undefined; through: bigint }>;

const statement = ({ root, streams, events }: Pick<SignedCheckpoint, 'root' | 'streams' | 'events'>) =>
  `root ${root} over ${streams} streams and ${events} events`;

/**
 * The checkpoints of the log, each checked when a scan in log order has every event up to its position and none
 * after: then the heads the scan holds are those the checkpoint was made from, once the signed rewrites recorded
 * after it (log-rewrite.ts) are undone.
 */
export class CheckpointChecks {
  private readonly due: Stated[];
  private readonly rewrites: HonouredRewrites;

  constructor(
    checkpointEvents: readonly RecordedEvent[],
    private readonly key: SigningKey | undefined,
  ) {
    this.rewrites = new HonouredRewrites(checkpointEvents, key);
    // A malformed one has no position to wait for: it is reported first.
    this.due = checkpointEvents
      .filter((event) => !isRewriteRecord(event))
      .map((event) => {
        const checkpoint = asSignedCheckpoint(event.data);
        return { event, checkpoint, through: checkpoint ? BigInt(checkpoint.through) : -1n };
      })
      .sort((a, b) => (a.through < b.through ? -1 : a.through > b.through ? 1 : 0));
  }

  /** Whether a checkpoint is through a position below `next`: checked once per event, so it allocates nothing. */
  dueBefore(next: bigint): boolean {
    return this.due.length > 0 && this.due[0].through < next;
  }

  get remaining(): number {
    return this.due.length;
  }

  /** The breaks of every checkpoint through a position below `next` (undefined: every one left, at the log's end). */
  checkBefore(next: bigint | undefined, heads: ReadonlyMap<string, StreamHead>, events: number): ChainBreak[] {
    const breaks: ChainBreak[] = [];
    while (next === undefined ? this.due.length > 0 : this.dueBefore(next)) {
      const stated = this.due.shift() as Stated;
      const problem = checkpointBreak(stated, this.rewrites.headsBefore(stated.event.revision, heads), events, this.key);
      if (problem) breaks.push(problem);
    }
    return breaks;
  }
}

function checkpointBreak(
  { event, checkpoint }: Stated,
  heads: ReadonlyMap<string, StreamHead>,
  events: number,
  key: SigningKey | undefined,
): ChainBreak | undefined {
  const at = { streamId: event.streamId, revision: event.revision, position: checkpoint?.through ?? event.position.toString() };
  if (!checkpoint)
    return { problem: 'checkpoint-signature', ...at, expected: 'a checkpoint as this version writes it', found: 'malformed data' };
  const signed = key?.signed(checkpoint);
  if (signed !== true) {
    const found =
      key === undefined ? 'no AUDIT_SIGNING_KEY to check it with' : signed === undefined ? `key ${key.id}` : 'another signature';
    return { problem: 'checkpoint-signature', ...at, expected: `a signature by key ${checkpoint.keyId}`, found };
  }
  const recomputed = { root: merkleRoot(heads), streams: heads.size, events };
  if (recomputed.root === checkpoint.root && recomputed.streams === checkpoint.streams && recomputed.events === checkpoint.events)
    return undefined;
  return { problem: 'checkpoint-root', ...at, expected: statement(checkpoint), found: statement(recomputed) };
}
