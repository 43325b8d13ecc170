import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorFunction } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '@ledgerline/event-store';
import { kafkaClient } from '@ledgerline/integration';
import { LEDGERLINE_CONFIG, type LedgerlineConfig } from '@ledgerline/platform';
import { READ_MODEL_DATABASE } from '@ledgerline/projections';
import type { Admin } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { eventStoreAnswers, kafkaAnswers, readModelsAnswer } from './probes';

/**
 * What this process needs to serve: the event store, the read-model database and, with KAFKA_BROKERS,
 * the broker. Each probe runs afresh on every call, so a dependency that comes back is seen at once.
 */
@Injectable()
export class ReadinessChecks implements OnApplicationShutdown {
  private readonly kafkaAdmin: Admin | undefined;

  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODEL_DATABASE) private readonly readModels: DataSource,
    @Inject(LEDGERLINE_CONFIG) config: LedgerlineConfig,
  ) {
    const logger = new Logger('Readiness');
    this.kafkaAdmin = config.kafka
      ? kafkaClient(config.kafka.brokers, `${config.kafka.clientId}-readiness`, (message) => logger.warn(message)).admin({
          retry: { retries: 0 },
        })
      : undefined;
  }

  eventStoreCheck(): HealthIndicatorFunction {
    return this.probe('eventStore', () => eventStoreAnswers(this.eventStore), 'the event store does not answer');
  }

  all(): HealthIndicatorFunction[] {
    const admin = this.kafkaAdmin;
    return [
      this.eventStoreCheck(),
      this.probe('readModels', () => readModelsAnswer(this.readModels), 'the read-model database does not answer'),
      ...(admin ? [this.probe('kafka', () => kafkaAnswers(admin), 'no Kafka broker answers')] : []),
    ];
  }

  async onApplicationShutdown(): Promise<void> {
    await this.kafkaAdmin?.disconnect();
  }

  private probe(key: string, answers: () => Promise<boolean>, problem: string): HealthIndicatorFunction {
    return async () => {
      const indicator = this.indicators.check(key);
      return (await answers()) ? indicator.up() : indicator.down({ message: problem });
    };
  }
}
