// Test support that any suite may use, reached as @ledgerline/testing. The API harness and worker process are apps'
// (import them by path from test/): libs must not depend on apps.
export { createTestDatabase } from './test-database';
export {
  KAFKA_START_TIMEOUT_MS,
  kafkaAvailable,
  kafkaBrokers,
  ownedKafkaAvailable,
  ownedKafkaBrokers,
  requireKafkaBrokers,
  startBroker,
  stopBroker,
} from './kafka-broker';
