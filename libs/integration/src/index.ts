export * from './contracts/cloud-event';
export * from './contracts/integration-messages';
export * from './relay/kafka-client';
export * from './relay/kafka-relay';
export * from './kafka-relay.module';
