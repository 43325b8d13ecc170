import {
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { LEDGERLINE_CONFIG, type LedgerlineConfig } from '@ledgerline/platform';
import { ProjectionSupervisor, READ_MODEL_DATABASE } from '@ledgerline/projections';
import type { DataSource } from 'typeorm';
import type { Producer } from 'kafkajs';
import { kafkaClient, relayProducer } from './relay/kafka-client';
import { KafkaRelay } from './relay/kafka-relay';
import { SegmentMembershipRelay } from './relay/segment-membership-relay';

/**
 * Connects the relay's producer, makes sure the topics exist, hands the relay to the projection runners and
 * runs the publisher of segment membership changes.
 */
@Injectable()
class KafkaRelayLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('KafkaRelay');
  private producer: Producer | undefined;
  private relay: KafkaRelay | undefined;
  private memberships: SegmentMembershipRelay | undefined;

  constructor(
    @Inject(LEDGERLINE_CONFIG) private readonly config: LedgerlineConfig,
    private readonly supervisor: ProjectionSupervisor,
    @Inject(READ_MODEL_DATABASE) private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    const kafka = this.config.kafka;
    if (!kafka) return;
    const log = (message: string) => this.logger.warn(message);
    const client = kafkaClient(kafka.brokers, kafka.clientId, log);
    const options = { partitions: kafka.partitions, replicationFactor: kafka.replicationFactor, log };
    const admin = client.admin();
    await admin.connect();
    try {
      await KafkaRelay.createTopics(admin, options);
    } finally {
      await admin.disconnect();
    }
    this.producer = relayProducer(client);
    await this.producer.connect();
    this.relay = new KafkaRelay(this.producer, options);
    this.supervisor.register(this.relay);
    this.memberships = new SegmentMembershipRelay(this.dataSource, this.producer, {
      pollMs: 1_000,
      standbyRetryMs: 5_000,
      batchSize: 500,
      log,
    });
    this.logger.log(`Publishing to Kafka at ${kafka.brokers.join(',')}`);
  }

  onApplicationBootstrap(): void {
    this.memberships?.start();
  }

  /** A batch waiting for an absent broker gives up, so that the runners can stop. */
  async beforeApplicationShutdown(): Promise<void> {
    this.relay?.close();
    await this.memberships?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer?.disconnect();
  }
}

/** The Kafka relay, in the processes that run projections, when KAFKA_BROKERS is set. */
@Module({ providers: [KafkaRelayLifecycle] })
export class KafkaRelayModule {}
