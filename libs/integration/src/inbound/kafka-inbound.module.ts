import { Inject, Injectable, Logger, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApplicationModule } from '@ledgerline/application';
import { LEDGERLINE_CONFIG, type LedgerlineConfig } from '@ledgerline/platform';
import { createMissingTopics, kafkaClient, relayProducer } from '../relay/kafka-client';
import { InboundHandler } from './inbound-handler';
import { inboundServices } from './inbound-services';
import { deadLetterTopic, INBOUND_TOPICS } from './inbound-messages';
import { INBOUND_GROUP_ID, KafkaInboundConsumer } from './kafka-inbound-consumer';

/** Creates the inbound topics and their dead-letter queues, then runs the consumer group until shutdown. */
@Injectable()
class KafkaInboundLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('KafkaInbound');
  private inbound: KafkaInboundConsumer | undefined;

  constructor(
    @Inject(LEDGERLINE_CONFIG) private readonly config: LedgerlineConfig,
    private readonly modules: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const kafka = this.config.kafka;
    if (!kafka?.inbound) return;
    const log = (message: string) => this.logger.warn(message);
    const client = kafkaClient(kafka.brokers, kafka.clientId, log);
    const admin = client.admin();
    await admin.connect();
    try {
      const topics = [...INBOUND_TOPICS, ...INBOUND_TOPICS.map(deadLetterTopic)];
      await createMissingTopics(admin, topics, { partitions: kafka.partitions, replicationFactor: kafka.replicationFactor, log });
    } finally {
      await admin.disconnect();
    }
    const producer = relayProducer(client);
    const sessionTimeout = kafka.inboundSessionTimeoutSeconds * 1_000;
    const consumer = client.consumer({
      groupId: INBOUND_GROUP_ID,
      allowAutoTopicCreation: false,
      sessionTimeout,
      heartbeatInterval: Math.min(3_000, sessionTimeout / 3),
    });
    await Promise.all([producer.connect(), consumer.connect()]);
    this.inbound = new KafkaInboundConsumer(
      consumer,
      producer,
      new InboundHandler(inboundServices((token) => this.modules.get(token, { strict: false }))),
      this.logger,
      kafka.inboundConcurrency,
    );
    await this.inbound.start();
    this.logger.log(
      `Consuming ${INBOUND_TOPICS.join(', ')} from Kafka at ${kafka.brokers.join(',')} as group ${INBOUND_GROUP_ID}, ${kafka.inboundConcurrency} records at a time`,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.inbound?.stop();
  }
}

/** The ERP and billing consumers, in the processes that run projections, when KAFKA_BROKERS is set (KAFKA_INBOUND=off: not). */
@Module({ imports: [ApplicationModule], providers: [KafkaInboundLifecycle] })
export class KafkaInboundModule {}
