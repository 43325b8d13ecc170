import { RecordNotFound } from '@ledgerline/domain';
import { EVENT_STORE, type EventStore } from '@ledgerline/event-store';
import { LEDGERLINE_CONFIG, type LedgerlineConfig } from '@ledgerline/platform';
import { Inject, Injectable } from '@nestjs/common';
import { CHECKPOINT_STREAM, SigningKey } from './checkpoint';
import { auditLog, type LogAuditOptions, type VerificationReport } from './log-audit';
import { recordCheckpoint, type CheckpointRequest, type RecordedCheckpoint } from './record-checkpoint';
import { VerificationStore } from './verification.store';

/** A checkpoint as auditors list it, to keep outside the system. */
export type CheckpointEntry = Readonly<{
  revision: number;
  position: string;
  recordedAt: string;
  madeBy: unknown;
  source: unknown;
  checkpoint: Readonly<Record<string, unknown>>;
  hash: string;
}>;

/** Checkpoints need AUDIT_SIGNING_KEY: without it there is nothing to sign with. */
export class NoSigningKey extends Error {
  constructor() {
    super('AUDIT_SIGNING_KEY is not set: checkpoints are signed with it (docs/audit.md, "Tamper evidence")');
    this.name = 'NoSigningKey';
  }
}

/** Nothing to show: `audit verify` has not run to the head on this database yet. */
export class NoVerificationYet extends RecordNotFound {
  readonly code = 'no-verification-yet';
  constructor() {
    super('The log has not been verified yet: run `npm run cli -- audit verify` (docs/audit.md, "Tamper evidence").');
  }
}

/** Verifying the log (each report kept) and recording checkpoints, with the key from the configuration. */
@Injectable()
export class LogVerification {
  private readonly key: SigningKey | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly verifications: VerificationStore,
    @Inject(LEDGERLINE_CONFIG) config: LedgerlineConfig,
  ) {
    this.key = config.audit.signingKey === undefined ? undefined : new SigningKey(config.audit.signingKey);
  }

  async verify(options: Omit<LogAuditOptions, 'key'> = {}): Promise<VerificationReport> {
    const { report } = await auditLog(this.store, { ...options, key: this.key });
    if (report.complete) await this.verifications.record(report);
    return report;
  }

  async latest(): Promise<VerificationReport> {
    const report = await this.verifications.latest();
    if (report === undefined) throw new NoVerificationYet();
    return report;
  }

  /** Every checkpoint in the log, oldest first, each with who made it, when, and its own link in the chain. */
  async checkpoints(): Promise<CheckpointEntry[]> {
    return (await this.store.readStream(CHECKPOINT_STREAM)).map((event) => ({
      revision: event.revision,
      position: event.position.toString(),
      recordedAt: event.recordedAt.toISOString(),
      madeBy: event.metadata.actor ?? null,
      source: event.metadata.source ?? null,
      checkpoint: event.data,
      hash: event.hash,
    }));
  }

  checkpoint(request: CheckpointRequest): Promise<RecordedCheckpoint | undefined> {
    if (this.key === undefined) throw new NoSigningKey();
    return recordCheckpoint(this.store, this.key, request);
  }
}
