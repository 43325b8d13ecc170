import { DataSource } from 'typeorm';
import { READ_MODEL_MIGRATIONS } from './migrations';

const MIGRATION_LOCK = `hashtext('ledgerline.read-model-migrations')`;

/** The read models' PostgreSQL, through TypeORM; its schema comes from migrations only, never synchronize. */
export function readModelDataSource(url: string, poolSize = 10): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    migrations: READ_MODEL_MIGRATIONS,
    migrationsTableName: 'read_model_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    poolSize,
    applicationName: 'ledgerline-read-models',
  });
}

/** Connects and brings the schema up to date; safe on every start, also from several processes at once. */
export async function openReadModelDatabase(url: string, poolSize?: number): Promise<DataSource> {
  const dataSource = await readModelDataSource(url, poolSize).initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    await dataSource.runMigrations();
    await lock.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    return dataSource;
  } catch (error) {
    await dataSource.destroy();
    throw error;
  } finally {
    await lock.release();
  }
}
