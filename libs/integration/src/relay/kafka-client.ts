import { Kafka, logLevel, type Producer } from 'kafkajs';

/** kafkajs with Ledgerline's settings; its own logs go to ours at warn level and above. */
export function kafkaClient(brokers: readonly string[], clientId: string, log: (message: string) => void): Kafka {
  return new Kafka({
    clientId,
    brokers: [...brokers],
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => log(`kafkajs ${entry.namespace}: ${entry.log.message}`),
    retry: { initialRetryTime: 300, retries: 8 },
  });
}

/** Idempotent (no duplicates from its own retries), one request in flight (order per partition kept). */
export function relayProducer(kafka: Kafka): Producer {
  return kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
}
