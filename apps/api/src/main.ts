import 'reflect-metadata';
import { loadConfig } from '@ledgerline/platform';
import { startApi } from './app';

startApi(loadConfig()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
