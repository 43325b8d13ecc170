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
import { EVENT_STORE, type EventStore } from '@ledgerline/event-store';
import { LEDGERLINE_CONFIG, type LedgerlineConfig } from '@ledgerline/platform';
import { ProjectionSupervisor, READ_MODEL_DATABASE } from '@ledgerline/projections';
import type { DataSource } from 'typeorm';
import type { Producer } from 'kafkajs';
import { kafkaClient, relayProducer } from './relay/kafka-client';
import { KafkaRelay } from './relay/kafka-relay';
import { KafkaStateRelay } from './relay/kafka-state-relay';
import { SegmentMembershipRelay } from './relay/segment-membership-relay';

/**
 * Connects the relays' producer, makes sure the topics exist, hands the event and state relays to the projection
 * runners and runs the publisher of segment membership changes.
 */
@Injectable()
class KafkaRelayLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('KafkaRelay');
  private producer: Producer | undefined;
  private relays: (KafkaRelay | KafkaStateRelay)[] = [];
  private memberships: SegmentMembershipRelay | undefined;

  constructor(
    @Inject(LEDGERLINE_CONFIG) private readonly config: LedgerlineConfig,
    private readonly supervisor: ProjectionSupervisor,
    @Inject(READ_MODEL_DATABASE) private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
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
      await KafkaStateRelay.createTopics(admin, options);
    } finally {
      await admin.disconnect();
    }
    this.producer = relayProducer(client);
    await this.producer.connect();
    this.relays = [new KafkaRelay(this.producer, options), new KafkaStateRelay(this.producer, this.store, options)];
    for (const relay of this.relays) this.supervisor.register(relay);
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
    for (const relay of this.relays) relay.close();
    await this.memberships?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer?.disconnect();
  }
}

/** The Kafka relay, in the processes that run projections, when KAFKA_BROKERS is set. */
@Module({ providers: [KafkaRelayLifecycle] })
export class KafkaRelayModule {}
