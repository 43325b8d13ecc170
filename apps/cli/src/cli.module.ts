import { Module, type DynamicModule } from '@nestjs/common';
import { ApplicationModule } from '@ledgerline/application';
import { AuditModule } from '@ledgerline/audit';
import { PersistenceModule, type LedgerlineConfig } from '@ledgerline/platform';
import { ImportsModule } from '@ledgerline/integration';
import { ProjectionsModule } from '@ledgerline/projections';

/** What admin commands need: the stores, record reads, the read models (migrated, not run here), imports and audit, no HTTP. */
@Module({})
export class CliModule {
  static forRoot(config: LedgerlineConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        PersistenceModule.forRoot(config),
        ApplicationModule,
        ProjectionsModule.forRoot({ run: false }),
        ImportsModule.forRoot({ run: false }),
        AuditModule.forRoot({ scheduled: false }),
      ],
    };
  }
}
