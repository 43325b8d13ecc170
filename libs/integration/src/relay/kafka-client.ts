import { Kafka, logLevel, Partitioners, type Admin, type Producer } from 'kafkajs';

/** kafkajs with Ledgerline's settings; its own logs go to ours at warn level and above. */
export function kafkaClient(brokers: readonly string[], clientId: string, log: (message: string) => void): Kafka {
  return new Kafka({
    clientId,
    brokers: [...brokers],
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => log(`kafkajs${entry.namespace ? ` ${entry.namespace}` : ''}: ${entry.log.message}`),
    retry: { initialRetryTime: 300, retries: 8 },
  });
}

/**
 * Idempotent (no duplicates from its own retries), one request in flight (order per partition kept),
 * Java-compatible key hashing (a key lands on the partition a Java producer would choose). Its retries
 * are bounded so that a long outage surfaces to the relay, which waits it out and can be stopped:
 * kafkajs warns that this gives up exactly-once, which the relay never promised (at least once).
 */
export function relayProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

export type TopicSettings = Readonly<{ partitions: number; replicationFactor: number; log: (message: string) => void }>;

export type TopicConfig = Readonly<Record<string, string>>;

/** Creates the topics that do not exist yet, with the configured partitions and replication, and `config` (e.g. compaction). */
export async function createMissingTopics(
  admin: Admin,
  topics: readonly string[],
  settings: TopicSettings,
  config: TopicConfig = {},
): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((topic) => !existing.has(topic));
  if (missing.length === 0) return;
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map((topic) => ({
      topic,
      numPartitions: settings.partitions,
      replicationFactor: settings.replicationFactor,
      configEntries: Object.entries(config).map(([name, value]) => ({ name, value })),
    })),
  });
  settings.log(`Created Kafka topics ${missing.join(', ')}`);
}
