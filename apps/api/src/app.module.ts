import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ApplicationModule, PipelineDirectory } from '@ledgerline/application';
import { PersistenceModule, PG_POOL, structuredLogging, type LedgerlineConfig } from '@ledgerline/platform';
import type { Pool } from 'pg';
import { AnalyticsController } from './analytics/analytics.controller';
import { AuditExportController } from './audit/audit-export.controller';
import { AuditVerificationController } from './audit/audit-verification.controller';
import { AuditModule } from '@ledgerline/audit';
import { ApiKeysController } from './admin/api-keys.controller';
import { AuthModule } from './auth/auth.module';
import { CustomersController } from './customers/customers.controller';
import { CustomerByExternalRefController } from './customers/customer-by-external-ref.controller';
import { CustomerReadsController } from './customers/customer-reads.controller';
import { CustomerTimelineController } from './customers/customer-timeline.controller';
import { ImportsController } from './imports/imports.controller';
import { ProjectionsController } from './admin/projections.controller';
import { SnapshotsController } from './admin/snapshots.controller';
import { SegmentRefreshController } from './admin/segment-refresh.controller';
import { SegmentReadsController } from './segments/segment-reads.controller';
import { SegmentsController } from './segments/segments.controller';
import { ProjectionsModule } from '@ledgerline/projections';
import { ImportsModule, KafkaInboundModule, KafkaRelayModule } from '@ledgerline/integration';
import { DealReadsController } from './deals/deal-reads.controller';
import { DealRecordController } from './deals/deal-record.controller';
import { DealsController } from './deals/deals.controller';
import { PipelinePerformanceController } from './deals/pipeline-performance.controller';
import { HealthController } from './health/health.controller';
import { RECORD_HISTORY_CONTROLLERS } from './history/record-history.controller';
import { ReadinessChecks } from './health/readiness';
import { requestLogContext } from './http/request-id';
import { rateLimiting } from './http/throttling';
import { MetricsModule } from './metrics/metrics.module';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { InteractionRecordController } from './interactions/interaction-record.controller';
import { InteractionsController } from './interactions/interactions.controller';
import { PipelinesController } from './pipelines/pipelines.controller';

@Module({})
export class AppModule {
  static forRoot(config: LedgerlineConfig): DynamicModule {
    const limits = rateLimiting(config.operations);
    return {
      module: AppModule,
      imports: [
        structuredLogging(config, requestLogContext),
        PersistenceModule.forRoot(config),
        ApplicationModule,
        ProjectionsModule.forRoot({ run: config.runProjections }),
        // The relay and the inbound consumers run where the projections run (the embedded default: in this one process).
        ...(config.runProjections ? [KafkaRelayModule, KafkaInboundModule] : []),
        ImportsModule.forRoot({ run: config.runProjections }),
        AuditModule.forRoot({ scheduled: config.runProjections }),
        TerminusModule,
        AuthModule,
        MetricsModule.forRoot(config.operations),
        ...limits.imports,
      ],
      controllers: [
        CustomersController,
        CustomerReadsController,
        CustomerByExternalRefController,
        CustomerTimelineController,
        ImportsController,
        AuditExportController,
        AuditVerificationController,
        ProjectionsController,
        SnapshotsController,
        ApiKeysController,
        SegmentRefreshController,
        SegmentsController,
        SegmentReadsController,
        DealsController,
        DealReadsController,
        AnalyticsController,
        PipelinePerformanceController,
        InteractionsController,
        PipelinesController,
        DealRecordController,
        InteractionRecordController,
        ...RECORD_HISTORY_CONTROLLERS,
        HealthController,
      ],
      providers: [
        PipelineDirectory,
        ReadinessChecks,
        ...limits.providers,
        {
          provide: IdempotencyStore,
          useFactory: async (pool: Pool) => {
            const store = new IdempotencyStore(pool);
            await store.setup();
            return store;
          },
          inject: [PG_POOL],
        },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
