import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { LedgerlineConfig } from '@ledgerline/platform';
import { json } from 'express';
import { AppModule } from './app.module';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { requestContextMiddleware } from './http/request-context';
import { nameJsonSyntaxErrors, requestValidationPipe } from './http/validation';

export const BODY_LIMIT = '256kb';

/** Builds the HTTP application exactly as production runs it; tests use the same function. */
export async function createApp(config: LedgerlineConfig, options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), {
    bodyParser: false,
    // Errors reach the caller (main), which stops what was started, instead of Nest exiting on the spot.
    abortOnError: false,
    logger: options.logger ?? ['error', 'warn', 'log'],
  });
  // Saying which framework answers helps nobody but an attacker.
  app.getHttpAdapter().getInstance().disable('x-powered-by');
  // ETags are record revisions, set by the routes that have one; Express's own body hashes would blur that.
  app.getHttpAdapter().getInstance().set('etag', false);
  app.use(json({ limit: BODY_LIMIT, type: ['application/json', 'application/*+json'] }), nameJsonSyntaxErrors);
  app.use(requestContextMiddleware);
  app.useGlobalPipes(requestValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Ledgerline API')
      .setDescription('Event-sourced CRM core: customers, deals, pipelines and interactions. Errors are RFC 9457 problem+json.')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

const SHUTDOWN_GRACE_MS = 25_000;

/** SIGTERM/SIGINT: stop accepting, finish what is in flight, close the stores, then exit 0. */
function exitGracefullyOnSignals(app: INestApplication, logger: Logger): void {
  const shutdown = (signal: NodeJS.Signals) => {
    logger.log(`${signal} received: shutting down`);
    setTimeout(() => {
      logger.error(`Shutdown took longer than ${SHUTDOWN_GRACE_MS} ms: exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

export async function startApi(config: LedgerlineConfig): Promise<INestApplication> {
  const app = await createApp(config);
  const logger = new Logger('Ledgerline');
  exitGracefullyOnSignals(app, logger);
  try {
    await app.listen(config.port);
  } catch (error) {
    await app.close();
    throw error;
  }
  logger.log(`API on http://localhost:${config.port}/v1 (OpenAPI at /docs, health at /health)`);
  return app;
}
