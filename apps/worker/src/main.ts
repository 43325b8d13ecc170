import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, stopEmbeddedPostgres } from '@ledgerline/platform';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig()), { abortOnError: false });
  const logger = new Logger('Worker');
  logger.log('Worker started: projections running');
  const stop = async (signal: NodeJS.Signals) => {
    logger.log(`${signal} received: stopping`);
    await worker.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stopEmbeddedPostgres();
  process.exit(1);
});
