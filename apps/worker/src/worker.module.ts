import { Module, type DynamicModule } from '@nestjs/common';
import { ApplicationModule } from '@ledgerline/application';
import { PersistenceModule, type LedgerlineConfig } from '@ledgerline/platform';

/**
 * The background process. Today it only prepares the stores (schema, default pipeline); the
 * projection runner and the Kafka relay join it with the read-side and integration work.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: LedgerlineConfig): DynamicModule {
    return { module: WorkerModule, imports: [PersistenceModule.forRoot(config), ApplicationModule] };
  }
}
