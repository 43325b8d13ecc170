import { EVENT_STORE, type EventStore } from '@ledgerline/event-store';
import { LEDGERLINE_CONFIG, type LedgerlineConfig } from '@ledgerline/platform';
import { Inject, Injectable } from '@nestjs/common';
import { SigningKey } from './checkpoint';
import { auditLog, type LogAuditOptions, type VerificationReport } from './log-audit';
import { recordCheckpoint, type CheckpointRequest, type RecordedCheckpoint } from './record-checkpoint';
import { VerificationStore } from './verification.store';

/** Checkpoints need AUDIT_SIGNING_KEY: without it there is nothing to sign with. */
export class NoSigningKey extends Error {
  constructor() {
    super('AUDIT_SIGNING_KEY is not set: checkpoints are signed with it (docs/audit.md, "Tamper evidence")');
    this.name = 'NoSigningKey';
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
    this.key = config.auditSigningKey === undefined ? undefined : new SigningKey(config.auditSigningKey);
  }

  async verify(options: Omit<LogAuditOptions, 'key'> = {}): Promise<VerificationReport> {
    const { report } = await auditLog(this.store, { ...options, key: this.key });
    if (report.complete) await this.verifications.record(report);
    return report;
  }

  latest(): Promise<VerificationReport | undefined> {
    return this.verifications.latest();
  }

  checkpoint(request: CheckpointRequest): Promise<RecordedCheckpoint | undefined> {
    if (this.key === undefined) throw new NoSigningKey();
    return recordCheckpoint(this.store, this.key, request);
  }
}
