import { randomUUID } from 'node:crypto';
import type { Actor } from '@ledgerline/application';
import type { EventStore, GlobalPosition } from '@ledgerline/event-store';
import { CHECKPOINT_RECORDED, CHECKPOINT_STREAM, type SignedCheckpoint, type SigningKey } from './checkpoint';
import { auditLog, type LogAudit, type VerificationReport } from './log-audit';
import { merkleRoot } from './merkle-root';

/** "3 breaks; the first: hash-mismatch in customer-… at revision 1", for messages that point to `audit verify`. */
export function breaksInBrief({ breakCount, breaks: [first] }: VerificationReport): string {
  return `${breakCount} breaks; the first: ${first.problem} in ${first.streamId} at revision ${first.revision}`;
}

/** A checkpoint is signed over a log that verifies, or not at all: signing a broken log would vouch for it. */
export class LogDoesNotVerify extends Error {
  constructor(readonly report: VerificationReport) {
    const [first] = report.breaks;
    super(
      `The log does not verify (${report.breakCount} breaks; the first: ${first.problem} in ${first.streamId} at revision ${first.revision})`,
    );
    this.name = 'LogDoesNotVerify';
  }
}

export type RecordedCheckpoint = SignedCheckpoint & Readonly<{ revision: number; position: string }>;

export type CheckpointRequest = Readonly<{ actor: Actor; source: string; correlationId?: string; onProgress?: (events: number) => void }>;

/**
 * Verifies the whole log, then appends to the checkpoint stream the signed root of every stream's head through the
 * last position it read. An empty log has nothing to vouch for and gets no checkpoint (undefined).
 */
export async function recordCheckpoint(
  store: EventStore,
  key: SigningKey,
  request: CheckpointRequest,
): Promise<RecordedCheckpoint | undefined> {
  return appendCheckpoint(store, key, await auditLog(store, { key, onProgress: request.onProgress }), request);
}

/** The checkpoint of a scan that just ended (a full one, or one resumed from a full one): the heads it holds. */
export async function appendCheckpoint(
  store: EventStore,
  key: SigningKey,
  { report, verifier, through }: LogAudit,
  { actor, source, correlationId = randomUUID() }: CheckpointRequest,
): Promise<RecordedCheckpoint | undefined> {
  if (!report.ok) throw new LogDoesNotVerify(report);
  if (through === undefined) return undefined;
  const checkpoint = key.sign({
    through: through.toString(),
    streams: verifier.heads.size,
    events: report.events,
    root: merkleRoot(verifier.heads),
  });
  const id = randomUUID();
  const metadata = { actor, correlationId, causationId: id, occurredAt: new Date().toISOString(), source };
  const { nextExpectedRevision, position } = await store.append(
    CHECKPOINT_STREAM,
    [{ id, type: CHECKPOINT_RECORDED, schemaVersion: 1, data: checkpoint, metadata }],
    'any',
  );
  return { ...checkpoint, revision: nextExpectedRevision, position: (position as GlobalPosition).toString() };
}
