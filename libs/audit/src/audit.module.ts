import { EVENT_STORE, type EventStore } from '@ledgerline/event-store';
import { LEDGERLINE_CONFIG, PG_POOL, type LedgerlineConfig } from '@ledgerline/platform';
import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Pool } from 'pg';
import { SigningKey } from './checkpoint';
import { CheckpointSchedule } from './checkpoint-schedule';
import { LogVerification } from './log-verification';
import { StoredPlaintextSealing } from './stored-plaintext-sealing';
import { VerificationStore } from './verification.store';

/** Runs the checkpoint schedule in this process, when a signing key and an interval are configured. */
@Injectable()
class ScheduledCheckpoints implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly schedule: CheckpointSchedule | undefined;

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(LEDGERLINE_CONFIG) { audit }: LedgerlineConfig) {
    const logger = new Logger('Audit');
    const log = { info: (message: string) => logger.log(message), error: (message: string) => logger.error(message) };
    if (audit.signingKey !== undefined && audit.checkpointIntervalSeconds > 0)
      this.schedule = new CheckpointSchedule(store, new SigningKey(audit.signingKey), audit.checkpointIntervalSeconds * 1000, log);
  }

  onApplicationBootstrap(): void {
    this.schedule?.start();
  }

  onApplicationShutdown(): Promise<void> | undefined {
    return this.schedule?.stop();
  }
}

/**
 * Tamper evidence for the API and the CLI: verification of the log and its checkpoints (docs/audit.md); with
 * `scheduled: true` (where projections run), checkpoints signed every AUDIT_CHECKPOINT_INTERVAL_SECONDS.
 */
@Module({})
export class AuditModule {
  static forRoot({ scheduled }: { scheduled: boolean }): DynamicModule {
    return {
      module: AuditModule,
      providers: [
        {
          provide: VerificationStore,
          useFactory: async (pool: Pool) => {
            const store = new VerificationStore(pool);
            await store.setup();
            return store;
          },
          inject: [PG_POOL],
        },
        LogVerification,
        StoredPlaintextSealing,
        ...(scheduled ? [ScheduledCheckpoints] : []),
      ],
      exports: [LogVerification],
    };
  }
}
