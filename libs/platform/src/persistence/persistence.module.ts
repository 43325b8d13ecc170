import { Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStoreDbEventStore, PostgresEventStore, type EventStore } from '@ledgerline/event-store';
import type { LedgerlineConfig } from '../config/config';
import { Database } from './database';

export const LEDGERLINE_CONFIG = Symbol.for('ledgerline.config');
export const PG_POOL = Symbol.for('ledgerline.pg-pool');
export const DATABASE = Symbol.for('ledgerline.database');

async function openEventStore(config: LedgerlineConfig, database: Database): Promise<EventStore> {
  if (config.eventStore.kind === 'eventstoredb') return EventStoreDbEventStore.connect(config.eventStore.url);
  return PostgresEventStore.open(database.pool);
}

/** Closes the event store before the database it may live in. */
class PersistenceShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.eventStore.close();
    await this.database.close();
  }
}

/** The PostgreSQL pool and the configured event store, shared by every module of a process. */
@Module({})
export class PersistenceModule {
  static forRoot(config: LedgerlineConfig): DynamicModule {
    const logger = new Logger('Persistence');
    return {
      module: PersistenceModule,
      global: true,
      providers: [
        { provide: LEDGERLINE_CONFIG, useValue: config },
        { provide: DATABASE, useFactory: () => Database.open(config, (message) => logger.log(message)) },
        { provide: PG_POOL, useFactory: (database: Database) => database.pool, inject: [DATABASE] },
        { provide: EVENT_STORE, useFactory: (database: Database) => openEventStore(config, database), inject: [DATABASE] },
        PersistenceShutdown,
      ],
      exports: [LEDGERLINE_CONFIG, DATABASE, PG_POOL, EVENT_STORE],
    };
  }
}
