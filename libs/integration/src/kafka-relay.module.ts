import {
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { LEDGERLINE_CONFIG, type LedgerlineConfig } from '@ledgerline/platform';
import { ProjectionSupervisor } from '@ledgerline/projections';
import type { Producer } from 'kafkajs';
import { kafkaClient, relayProducer } from './relay/kafka-client';
import { KafkaRelay } from './relay/kafka-relay';

/** Connects the relay's producer, makes sure the topics exist and hands the relay to the projection runners. */
@Injectable()
class KafkaRelayLifecycle implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('KafkaRelay');
  private producer: Producer | undefined;
  private relay: KafkaRelay | undefined;

  constructor(
    @Inject(LEDGERLINE_CONFIG) private readonly config: LedgerlineConfig,
    private readonly supervisor: ProjectionSupervisor,
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
    this.logger.log(`Publishing to Kafka at ${kafka.brokers.join(',')}`);
  }

  /** A batch waiting for an absent broker gives up, so that the runners can stop. */
  beforeApplicationShutdown(): void {
    this.relay?.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer?.disconnect();
  }
}

/** The Kafka relay, in the processes that run projections, when KAFKA_BROKERS is set. */
@Module({ providers: [KafkaRelayLifecycle] })
export class KafkaRelayModule {}
