import 'reflect-metadata';
import { loadConfig, stopEmbeddedPostgres } from '@ledgerline/platform';
import { startApi } from './app';

startApi(loadConfig()).catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stopEmbeddedPostgres(); // a start that failed half-way must not leave PostgreSQL behind
  process.exit(1);
});
