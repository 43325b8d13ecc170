import { Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStoreDbEventStore, PostgresEventStore, type EventStore } from '@ledgerline/event-store';
import { Keyring, LocalMasterKey, PersonalDataSealer, PostgresSubjectKeyStore, ProtectedEventStore } from '@ledgerline/privacy';
import type { LedgerlineConfig } from '../config/config';
import { Database } from './database';
import { masterKeyOf } from './master-key-file';

export const LEDGERLINE_CONFIG = Symbol.for('ledgerline.config');
export const PG_POOL = Symbol.for('ledgerline.pg-pool');
export const DATABASE = Symbol.for('ledgerline.database');
const SUBJECT_KEY_STORE = Symbol.for('ledgerline.subject-key-store');

async function openEventStore(config: LedgerlineConfig, database: Database): Promise<EventStore> {
  if (config.eventStore.kind === 'eventstoredb') return EventStoreDbEventStore.connect(config.eventStore.url);
  return PostgresEventStore.open(database.pool);
}

/** Closes the event store and the key store before the database they may live in. */
class PersistenceShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(SUBJECT_KEY_STORE) private readonly keys: PostgresSubjectKeyStore,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.eventStore.close();
    await this.keys.close();
    await this.database.close();
  }
}

/**
 * The PostgreSQL pool and the configured event store, shared by every module of a process. The store is the
 * protected one (libs/privacy): personal fields sealed on append, revealed on read; the data subjects' keys live in
 * this database whatever the event store.
 */
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
        { provide: SUBJECT_KEY_STORE, useFactory: (database: Database) => PostgresSubjectKeyStore.open(database.pool), inject: [DATABASE] },
        {
          provide: Keyring,
          useFactory: async (keys: PostgresSubjectKeyStore) =>
            new Keyring(keys, new LocalMasterKey(await masterKeyOf(config, (message) => logger.warn(message)))),
          inject: [SUBJECT_KEY_STORE],
        },
        {
          provide: EVENT_STORE,
          useFactory: async (database: Database, keyring: Keyring) =>
            new ProtectedEventStore(await openEventStore(config, database), new PersonalDataSealer(keyring)),
          inject: [DATABASE, Keyring],
        },
        // The same store, for what needs more than the EventStore port (the upgrade that seals stored plaintext).
        { provide: ProtectedEventStore, useExisting: EVENT_STORE },
        PersistenceShutdown,
      ],
      exports: [LEDGERLINE_CONFIG, DATABASE, PG_POOL, EVENT_STORE, ProtectedEventStore, Keyring],
    };
  }
}
