import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@ledgerline/platform';
import { CliModule } from '../cli.module';

/** The CLI's Nest context as `npm run cli` builds it, on a test database, silent. */
export const cliContext = (databaseUrl: string): Promise<INestApplicationContext> =>
  NestFactory.createApplicationContext(CliModule.forRoot(loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' })), {
    logger: false,
  });
