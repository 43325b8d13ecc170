import { Module, type DynamicModule } from '@nestjs/common';
import { ApplicationModule } from '@ledgerline/application';
import { PersistenceModule, type LedgerlineConfig } from '@ledgerline/platform';
import { ProjectionsModule } from '@ledgerline/projections';

/** The background process: keeps the read models up to date. The Kafka relay joins it with the integration work. */
@Module({})
export class WorkerModule {
  static forRoot(config: LedgerlineConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PersistenceModule.forRoot(config), ApplicationModule, ProjectionsModule.forRoot({ run: true })],
    };
  }
}
