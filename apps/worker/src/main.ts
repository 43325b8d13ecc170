import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, stopEmbeddedPostgres, stopWithin } from '@ledgerline/platform';
import { Logger as PinoLogger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { abortOnError: false, bufferLogs: true });
  worker.useLogger(worker.get(PinoLogger));
  const logger = new Logger('Worker');
  logger.log('Worker started: projections running');
  // Runners finish the batch they apply, the relay and consumers stop, pools close; bounded by SHUTDOWN_TIMEOUT_SECONDS.
  const stop = (signal: NodeJS.Signals) => {
    logger.log(`${signal} received: stopping`);
    stopWithin(
      config.operations.shutdownTimeoutSeconds,
      () => worker.close(),
      (message) => logger.error(message),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stopEmbeddedPostgres();
  process.exit(1);
});
