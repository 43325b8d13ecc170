import { SYSTEM_ACTOR } from '@ledgerline/application';
import { LEDGERLINE_CONFIG, type LedgerlineConfig } from '@ledgerline/platform';
import { ProtectedEventStore } from '@ledgerline/privacy';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SigningKey } from './checkpoint';
import { recordRewrite } from './log-rewrite';
import { LogDoesNotVerify, recordCheckpoint } from './record-checkpoint';

export const PLAINTEXT_SEALED_REASON =
  'upgrade: the personal fields stored in plaintext before sealing were sealed (docs/adr/0009-erasure-and-upcasting.md)';

/**
 * At start, the upgrade step that seals what was stored before sealing (once per store, whichever process gets there
 * first), recorded as the audit's rewrite records and followed by a checkpoint over the new heads when a signing key
 * is set: earlier checkpoints stay explainable, and the new chains are vouched for at once.
 */
@Injectable()
export class StoredPlaintextSealing implements OnApplicationBootstrap {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly store: ProtectedEventStore,
    @Inject(LEDGERLINE_CONFIG) private readonly config: LedgerlineConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const rehashed = await this.store.sealStoredPlaintext();
    if (rehashed.length === 0) return;
    const key = this.config.audit.signingKey === undefined ? undefined : new SigningKey(this.config.audit.signingKey);
    const request = { actor: SYSTEM_ACTOR, source: 'upgrade' };
    await recordRewrite(this.store, key, { reason: PLAINTEXT_SEALED_REASON, rehashed }, request);
    this.logger.warn(
      `Sealed the personal fields stored in plaintext before sealing: ${rehashed.length} events re-hashed, recorded in the audit ` +
        (key ? 'stream' : 'stream unsigned (no AUDIT_SIGNING_KEY)'),
    );
    if (key) await this.vouchFor(key, request);
  }

  /** A log broken before the upgrade gets no checkpoint, and the process starts all the same: verify names the break. */
  private async vouchFor(key: SigningKey, request: Parameters<typeof recordCheckpoint>[2]): Promise<void> {
    try {
      const checkpoint = await recordCheckpoint(this.store, key, request);
      if (checkpoint) this.logger.log(`Checkpoint ${checkpoint.revision} vouches for the streams the upgrade chained again`);
    } catch (error) {
      if (!(error instanceof LogDoesNotVerify)) throw error;
      this.logger.error(`No checkpoint after the upgrade: ${error.message}; run npm run cli -- audit verify`);
    }
  }
}
