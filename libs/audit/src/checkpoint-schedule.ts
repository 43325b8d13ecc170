import { SYSTEM_ACTOR } from '@ledgerline/application';
import type { EventStore } from '@ledgerline/event-store';
import { PeriodicTask } from '@ledgerline/platform';
import { CHECKPOINT_STREAM, type SigningKey } from './checkpoint';
import { auditLog, type LogAudit } from './log-audit';
import { appendCheckpoint, breaksInBrief, type RecordedCheckpoint } from './record-checkpoint';

export type CheckpointLog = Readonly<{ info: (message: string) => void; error: (message: string) => void }>;

/**
 * Signs a checkpoint every interval while records change. The first run verifies the whole log (and its checkpoints);
 * each later one reads only the events since, on the heads it keeps (about 200 bytes a stream), so a checkpoint costs
 * what was appended since the last. A log that does not verify gets no checkpoint, and an error in the log instead.
 */
export class CheckpointSchedule {
  private readonly task: PeriodicTask;
  private audit: LogAudit | undefined;
  /** Events other than checkpoints, as of the last checkpoint this process signed: none is signed while it stays so. */
  private signedRecords = -1;

  constructor(
    private readonly store: EventStore,
    private readonly key: SigningKey,
    private readonly intervalMs: number,
    private readonly log: CheckpointLog,
  ) {
    this.task = new PeriodicTask(async () => void (await this.tick()), intervalMs);
  }

  start(): void {
    this.task.start(this.intervalMs);
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  async tick(): Promise<RecordedCheckpoint | undefined> {
    try {
      const audit = await auditLog(this.store, { key: this.key, resume: this.audit });
      this.audit = audit.report.ok ? audit : undefined;
      if (!audit.report.ok) {
        this.log.error(`No checkpoint: the log does not verify (${breaksInBrief(audit.report)}); run npm run cli -- audit verify`);
        return undefined;
      }
      const records = audit.report.events - ((audit.verifier.heads.get(CHECKPOINT_STREAM)?.revision ?? -1) + 1);
      if (records === 0 || records === this.signedRecords) return undefined;
      const checkpoint = await appendCheckpoint(this.store, this.key, audit, { actor: SYSTEM_ACTOR, source: 'checkpoint-schedule' });
      this.signedRecords = records;
      if (checkpoint)
        this.log.info(
          `Checkpoint ${checkpoint.revision}: ${checkpoint.streams} streams, ${checkpoint.events} events through ${checkpoint.through}`,
        );
      return checkpoint;
    } catch (error) {
      this.audit = undefined;
      this.log.error(`Checkpoint failed, trying again in ${this.intervalMs / 1000} s: ${(error as Error).message}`);
      return undefined;
    }
  }
}
