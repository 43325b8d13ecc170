import { Module, type DynamicModule } from '@nestjs/common';
import { COMMAND_OBSERVER } from '@ledgerline/application';
import type { OperationsConfig } from '@ledgerline/platform';
import { MetricsController, PublicMetricsController } from './metrics.controller';
import { Metrics } from './metrics';

@Module({})
export class MetricsModule {
  static forRoot(operations: OperationsConfig): DynamicModule {
    return {
      module: MetricsModule,
      // Global, so that the DeciderRunner of ApplicationModule finds the command observer.
      global: true,
      controllers: [operations.metricsPublic ? PublicMetricsController : MetricsController],
      providers: [Metrics, { provide: COMMAND_OBSERVER, useExisting: Metrics }],
      exports: [Metrics, COMMAND_OBSERVER],
    };
  }
}
