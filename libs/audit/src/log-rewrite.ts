import { randomUUID } from 'node:crypto';
import type { Actor } from '@ledgerline/application';
import type { EventStore, RecordedEvent, Rehashed } from '@ledgerline/event-store';
import { CHECKPOINT_STREAM, type SigningKey } from './checkpoint';
import type { StreamHead } from './chain-verifier';

/**
 * The record of an upgrade that rewrote stored events (docs/adr/0009): every event whose hash it changed, with both
 * hashes, signed like a checkpoint. Kept in the checkpoint stream, so that verification reads it with the checkpoints
 * and knows, for each checkpoint made before it, the heads that checkpoint saw.
 */
export const LOG_REWRITTEN = 'AuditLogRewritten';

/** Entries per record: a big rewrite takes several, each signed on its own. */
const REHASHED_PER_RECORD = 1_000;

export type LogRewrite = Readonly<{ reason: string; rehashed: readonly Rehashed[] }>;

/** Unsigned (keyId and signature null) when no AUDIT_SIGNING_KEY was set: then verification never honours it. */
type SignedRewrite = LogRewrite & Readonly<{ keyId: string | null; signature: string | null }>;

const statement = ({ reason, rehashed }: LogRewrite) => [
  'ledgerline-rewrite-v1',
  reason,
  rehashed.map(({ streamId, revision, was, now }) => [streamId, revision, was, now]),
];

export type RewriteRequest = Readonly<{ actor: Actor; source: string }>;

/** Appends the records of a rewrite, signed with `key` when there is one. Nothing rewritten: nothing recorded. */
export async function recordRewrite(
  store: Pick<EventStore, 'append'>,
  key: SigningKey | undefined,
  { reason, rehashed }: LogRewrite,
  { actor, source }: RewriteRequest,
): Promise<number> {
  const correlationId = randomUUID();
  const events = [];
  for (let start = 0; start < rehashed.length; start += REHASHED_PER_RECORD) {
    const part = { reason, rehashed: rehashed.slice(start, start + REHASHED_PER_RECORD) };
    const signed: SignedRewrite = { ...part, keyId: key?.id ?? null, signature: key?.mac(statement(part)) ?? null };
    const id = randomUUID();
    const metadata = { actor, correlationId, causationId: id, occurredAt: new Date().toISOString(), source };
    events.push({ id, type: LOG_REWRITTEN, schemaVersion: 1, data: signed, metadata });
  }
  if (events.length > 0) await store.append(CHECKPOINT_STREAM, events, 'any');
  return events.length;
}

/** Whether a checkpoint stream event is a rewrite record. */
export const isRewriteRecord = (event: Pick<RecordedEvent, 'type'>): boolean => event.type === LOG_REWRITTEN;

/**
 * The rewrites that `key` signed, to see the heads as a checkpoint made before them saw them. A record that is not
 * signed by the key proves nothing and is ignored: the checkpoints it would explain then report their roots.
 */
export class HonouredRewrites {
  private readonly records: readonly Readonly<{ revision: number; rehashed: readonly Rehashed[] }>[];

  constructor(events: readonly RecordedEvent[], key: SigningKey | undefined) {
    this.records = events
      .filter((event) => isRewriteRecord(event) && signedBy(event.data as SignedRewrite, key))
      .map((event) => ({ revision: event.revision, rehashed: (event.data as SignedRewrite).rehashed }));
  }

  /** The heads as a checkpoint at `revision` of the checkpoint stream saw them: the rewrites after it undone, latest first. */
  headsBefore(revision: number, heads: ReadonlyMap<string, StreamHead>): ReadonlyMap<string, StreamHead> {
    const later = this.records.filter((record) => record.revision > revision).reverse();
    if (later.length === 0) return heads;
    const seen = new Map(heads);
    for (const { rehashed } of later)
      for (const { streamId, revision, was, now } of rehashed) {
        const head = seen.get(streamId);
        if (head?.revision === revision && head.hash === now) seen.set(streamId, { revision, hash: was });
      }
    return seen;
  }
}

function signedBy(rewrite: SignedRewrite, key: SigningKey | undefined): boolean {
  if (key === undefined || typeof rewrite.keyId !== 'string' || typeof rewrite.signature !== 'string' || !Array.isArray(rewrite.rehashed))
    return false;
  return key.signedStatement(statement(rewrite), { keyId: rewrite.keyId, signature: rewrite.signature }) === true;
}
