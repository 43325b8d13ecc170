import {
  readLogRange,
  type EventText,
  type EventStore,
  type GlobalPosition,
  type LogBound,
  type ReadAllOptions,
} from '@ledgerline/event-store';
import type { ChainBreak } from './chain-break';
import { ChainVerifier } from './chain-verifier';
import { CHECKPOINT_STREAM, type SigningKey } from './checkpoint';
import { CheckpointChecks } from './checkpoint-check';

/** What one verification found. `ok` only when every chain and every checkpoint it checked holds. */
export type VerificationReport = Readonly<{
  startedAt: string;
  finishedAt: string;
  /** The position or instant it started at; null: the beginning of the log (then checkpoints are checked too). */
  from: string | null;
  /** The last position it checked; null: nothing to check. */
  through: string | null;
  events: number;
  streams: number;
  checkpoints: number;
  /**
   * Events stored before their stream was hash-chained, which no chain covers: an EventStoreDB log written before the
   * upgrade. On PostgreSQL every stored event is hashed at the upgrade, so there it is 0 unless hashes were removed.
   */
  preChain: number;
  /** False when it was stopped before the head. */
  complete: boolean;
  ok: boolean;
  breakCount: number;
  /** The first breaks, in log order: the first is the first broken link. */
  breaks: readonly ChainBreak[];
}>;

export type LogAuditOptions = Readonly<{
  /** Verify from this position or instant on, trusting the hashes stored before it; checkpoints need a run from the start. */
  from?: LogBound;
  key?: SigningKey;
  /** Go on from where an earlier complete scan ended, with its heads: only the events since are read (chains only). */
  resume?: LogAudit;
  onProgress?: (events: number) => void;
  signal?: AbortSignal;
}>;

/** What verification reads: the log in order, and streams (checkpoints, a predecessor). */
export type ReadableLog = Pick<EventStore, 'readChainLinks' | 'readStream'>;

/** A scan's report, and the heads it ended with: what a new checkpoint states. */
export type LogAudit = Readonly<{ report: VerificationReport; verifier: ChainVerifier; through: GlobalPosition | undefined }>;

const PAGE_SIZE = 2_000;
const REPORTED_BREAKS = 100;

/**
 * Reads the log in $all order, a page at a time, checking every event against its stream's chain and, on a run from
 * the start, every checkpoint against the heads as they stood at its position. Memory: one head per stream.
 */
export async function auditLog(store: ReadableLog, { from, key, resume, onProgress, signal }: LogAuditOptions = {}): Promise<LogAudit> {
  const startedAt = resume?.report.startedAt ?? new Date().toISOString();
  const verifier = resume?.verifier ?? new ChainVerifier();
  const fromStart = from === undefined && resume === undefined;
  const checkpoints = new CheckpointChecks(fromStart ? await store.readStream(CHECKPOINT_STREAM) : [], key);
  const total = checkpoints.remaining;
  const breaks: ChainBreak[] = [];
  let breakCount = 0;
  const found = (problems: readonly ChainBreak[]) => {
    breakCount += problems.length;
    breaks.push(...problems.slice(0, REPORTED_BREAKS - breaks.length));
  };
  let events = resume?.report.events ?? 0;
  let through = resume?.through;
  let complete = true;
  const links = { readAll: (options: ReadAllOptions) => store.readChainLinks(options) };
  for await (const page of readLogRange(links, { from, after: through }, PAGE_SIZE)) {
    if (from !== undefined) await seedPredecessors(store, verifier, page.events);
    const problems: ChainBreak[] = [];
    for (const link of page.events) {
      if (checkpoints.dueBefore(link.position)) problems.push(...checkpoints.checkBefore(link.position, verifier.heads, events));
      const problem = verifier.check(link);
      if (problem) problems.push(problem);
      events += 1;
    }
    found(problems);
    through = page.last;
    onProgress?.(events);
    if (signal?.aborted) {
      complete = false;
      break;
    }
  }
  if (complete) found(checkpoints.checkBefore(undefined, verifier.heads, events));
  const report: VerificationReport = {
    startedAt,
    finishedAt: new Date().toISOString(),
    from: resume ? resume.report.from : boundText(from),
    through: through?.toString() ?? null,
    events,
    streams: verifier.heads.size,
    checkpoints: (resume?.report.checkpoints ?? 0) + total - checkpoints.remaining,
    preChain: verifier.preChain,
    complete,
    ok: breakCount === 0 && (resume?.report.ok ?? true),
    breakCount: breakCount + (resume?.report.breakCount ?? 0),
    breaks: [...(resume?.report.breaks ?? []), ...breaks].slice(0, REPORTED_BREAKS),
  };
  return { report, verifier, through };
}

/** A bound as the report shows it: the position, or the instant; null for the start of the log. */
const boundText = (bound: LogBound | undefined): string | null =>
  bound === undefined ? null : 'position' in bound ? bound.position.toString() : bound.instant.toISOString();

/** On a run from a position: the stored head before it of each stream the page shows for the first time. */
async function seedPredecessors(store: ReadableLog, verifier: ChainVerifier, links: readonly EventText[]): Promise<void> {
  await Promise.all(
    verifier.unseen(links).map(async ({ streamId, revision }) => {
      const [predecessor] = await store.readStream(streamId, { fromRevision: revision - 1, maxCount: 1 });
      if (predecessor?.revision === revision - 1) verifier.seed(streamId, { revision: predecessor.revision, hash: predecessor.hash });
    }),
  );
}
