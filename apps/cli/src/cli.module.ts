import { Module, type DynamicModule } from '@nestjs/common';
import { ApplicationModule } from '@ledgerline/application';
import { PersistenceModule, type LedgerlineConfig } from '@ledgerline/platform';

/** What admin commands need: the stores and record reads, no HTTP. */
@Module({})
export class CliModule {
  static forRoot(config: LedgerlineConfig): DynamicModule {
    return { module: CliModule, imports: [PersistenceModule.forRoot(config), ApplicationModule] };
  }
}
