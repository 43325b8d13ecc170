import { deadLetterTopic, INBOUND_TOPICS, kafkaClient } from '@ledgerline/integration';
import { INBOUND_GROUP_ID } from '@ledgerline/integration/inbound/kafka-inbound-consumer';
import { randomUUID } from 'node:crypto';
import type { Server } from '../server';
import { brokerAvailable, openBroker } from './broker';
import { inboundScenario } from './inbound';
import { relayScenario } from './relay';

export const KAFKA_SCENARIOS = ['relay', 'inbound'] as const;
export type KafkaScenario = (typeof KAFKA_SCENARIOS)[number];

/** What the Kafka scenarios share: the PostgreSQL server, the broker, and a suffix for the bench's own topics. */
export type KafkaBench = Readonly<{
  serverUrl: string;
  brokers: string;
  where: string;
  runId: string;
  /** Creates topics with the partitions and replication of an existing topic (`like`). */
  createTopicsLike: (topics: readonly Readonly<{ topic: string; like: string }>[]) => Promise<void>;
}>;

/**
 * The Kafka scenarios on one broker (KAFKA_BROKERS, or one the bench starts and removes). The API processes they
 * start find the broker through KAFKA_BROKERS, set for the run. On a broker at KAFKA_BROKERS, the topics the run
 * created are deleted at its end (and the inbound consumer group, if the run created its topics).
 * Returns each scenario's Markdown block.
 */
export async function kafkaScenarios(
  server: Server,
  scenarios: readonly KafkaScenario[],
  scale: number,
  root: string,
  log: (line: string) => void,
): Promise<Map<KafkaScenario, string>> {
  const blocks = new Map<KafkaScenario, string>();
  if (!brokerAvailable()) {
    log(`Kafka scenarios skipped (${scenarios.join(', ')}): set KAFKA_BROKERS, or put java and mvn on PATH (npm run kafka:up)`);
    return blocks;
  }
  const broker = await openBroker(root, log);
  const configured = process.env.KAFKA_BROKERS;
  process.env.KAFKA_BROKERS = broker.brokers;
  const admin = kafkaClient([broker.brokers], 'ledgerline-bench', log).admin();
  try {
    await admin.connect();
    const before = new Set(await admin.listTopics());
    const bench: KafkaBench = {
      serverUrl: server.url,
      brokers: broker.brokers,
      where: broker.where,
      runId: randomUUID().slice(0, 8),
      createTopicsLike: async (topics) => {
        const { topics: models } = await admin.fetchTopicMetadata({ topics: [...new Set(topics.map(({ like }) => like))] });
        const model = (name: string) => models.find((topic) => topic.name === name)?.partitions ?? [];
        await admin.createTopics({
          waitForLeaders: true,
          topics: topics.map(({ topic, like }) => ({
            topic,
            numPartitions: model(like).length,
            replicationFactor: model(like)[0]?.replicas.length ?? 1,
          })),
        });
      },
    };
    try {
      if (scenarios.includes('relay')) blocks.set('relay', await relayScenario(bench, scale, log));
      if (scenarios.includes('inbound')) blocks.set('inbound', await inboundScenario(bench, scale, log));
    } finally {
      if (configured) {
        const created = (await admin.listTopics()).filter((topic) => !before.has(topic));
        if (created.length > 0) await admin.deleteTopics({ topics: created });
        if (!INBOUND_TOPICS.some((topic) => before.has(topic) || before.has(deadLetterTopic(topic))))
          await admin.deleteGroups([INBOUND_GROUP_ID]).catch(() => undefined);
      }
    }
    return blocks;
  } finally {
    await admin.disconnect();
    if (configured) process.env.KAFKA_BROKERS = configured;
    else delete process.env.KAFKA_BROKERS;
    await broker.stop();
  }
}
