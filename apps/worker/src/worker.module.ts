import { Module, type DynamicModule } from '@nestjs/common';
import { ApplicationModule } from '@ledgerline/application';
import { AuditModule } from '@ledgerline/audit';
import { PersistenceModule, structuredLogging, type LedgerlineConfig } from '@ledgerline/platform';
import { ImportsModule, KafkaInboundModule, KafkaRelayModule } from '@ledgerline/integration';
import { ProjectionsModule } from '@ledgerline/projections';

/**
 * The background process: keeps the read models up to date, runs bulk imports, signs audit checkpoints (with
 * AUDIT_SIGNING_KEY) and, with KAFKA_BROKERS, publishes to Kafka and consumes ERP and billing.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: LedgerlineConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        structuredLogging(config),
        PersistenceModule.forRoot(config),
        ApplicationModule,
        ProjectionsModule.forRoot({ run: true }),
        KafkaRelayModule,
        KafkaInboundModule,
        ImportsModule.forRoot({ run: true }),
        AuditModule.forRoot({ scheduled: true }),
      ],
    };
  }
}
