import { PG_POOL } from '@ledgerline/platform';
import { Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { LogVerification } from './log-verification';
import { VerificationStore } from './verification.store';

/** Tamper evidence for the API and the CLI: verification of the log and its checkpoints (docs/audit.md). */
@Module({
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
  ],
  exports: [LogVerification],
})
export class AuditModule {}
