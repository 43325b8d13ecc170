import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@ledgerline/platform';
import { CliModule } from '../cli.module';

/** The CLI's Nest context as `npm run cli` builds it, on a test database, silent; `env` adds to its environment. */
export const cliContext = (databaseUrl: string, env: NodeJS.ProcessEnv = {}): Promise<INestApplicationContext> =>
  NestFactory.createApplicationContext(CliModule.forRoot(loadConfig({ ...env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' })), {
    logger: false,
  });
