export * from './event-store.port';
export { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
export { InMemoryEventStore } from './in-memory/in-memory-event-store';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { setupEventStoreSchema } from './postgres/schema';
export { inTransaction } from './postgres/transaction';
export { NotificationListener } from './postgres/notification-listener';
export * from './log-range';
export * from './hash-chain';
