import type { Server } from 'node:http';
import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { stopWithin, type LedgerlineConfig } from '@ledgerline/platform';
import { json, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ADMIN_KEY_BOOTSTRAP, announceAdminKey } from './auth/admin-key-notice';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { requestContextMiddleware } from './http/request-context';
import { nameJsonSyntaxErrors, requestValidationPipe } from './http/validation';
import { httpMetrics } from './metrics/http-metrics';
import { Metrics } from './metrics/metrics';

export const BODY_LIMIT = '256kb';

/** Builds the HTTP application exactly as production runs it; tests use the same function. */
/** Strict headers for the API's JSON; the documentation page needs its own scripts, styles and images. */
function securityHeaders() {
  const api = helmet({ contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } });
  const docs = helmet({
    contentSecurityPolicy: { directives: { scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] } },
  });
  return (request: Request, response: Response, next: NextFunction) =>
    (request.path.startsWith('/docs') ? docs : api)(request, response, next);
}

const EXPOSED_HEADERS = [
  'ETag',
  'Location',
  'Retry-After',
  'X-Request-Id',
  'X-Correlation-Id',
  'X-Read-Model-Position',
  'Idempotent-Replayed',
];

export async function createApp(config: LedgerlineConfig, options: { logger?: false } = {}): Promise<INestApplication> {
  const quiet = options.logger === false;
  const app = await NestFactory.create(AppModule.forRoot(quiet ? { ...config, logLevel: 'silent' } : config), {
    bodyParser: false,
    // Errors reach the caller (main), which stops what was started, instead of Nest exiting on the spot.
    abortOnError: false,
    // Lines written while the app is built go out through pino once it exists.
    ...(quiet ? { logger: false } : { bufferLogs: true }),
  });
  if (!quiet) app.useLogger(app.get(PinoLogger));
  // Saying which framework answers helps nobody but an attacker.
  app.getHttpAdapter().getInstance().disable('x-powered-by');
  // ETags are record revisions, set by the routes that have one; Express's own body hashes would blur that.
  app.getHttpAdapter().getInstance().set('etag', false);
  // Ids and timing first, so that every answer (a 413 from the body parser too) has them.
  app.use(requestContextMiddleware);
  app.use(httpMetrics(app.get(Metrics)));
  app.use(securityHeaders());
  // Without CORS_ORIGINS no CORS headers are sent, and browsers keep other origins out.
  if (config.operations.corsOrigins.length > 0) {
    app.enableCors({ origin: [...config.operations.corsOrigins], exposedHeaders: EXPOSED_HEADERS, maxAge: 600 });
  }
  app.use(json({ limit: BODY_LIMIT, type: ['application/json', 'application/*+json'] }), nameJsonSyntaxErrors);
  app.useGlobalPipes(requestValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Ledgerline API')
      .setDescription('Event-sourced CRM core: customers, deals, pipelines and interactions. Errors are RFC 9457 problem+json.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key (llk_…) or a JWT of the identity provider' })
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

/**
 * Stops accepting connections and waits for the requests in flight: idle keep-alive connections close at
 * once, busy ones after their response (which says Connection: close).
 */
function drainHttp(server: Server): Promise<void> {
  server.prependListener('request', (_request, response: Response) => {
    if (!response.headersSent) response.setHeader('Connection', 'close');
  });
  return new Promise((done) => {
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => {
      clearInterval(idle);
      done();
    });
    server.closeIdleConnections();
  });
}

/**
 * SIGTERM/SIGINT: drain HTTP first (Nest's own close would stop the projections and the pools while
 * requests still run), then close the app: runners finish their batch, pools close, the embedded
 * PostgreSQL stops. Exit 0, or 1 past SHUTDOWN_TIMEOUT_SECONDS.
 */
function exitGracefullyOnSignals(app: INestApplication, config: LedgerlineConfig, logger: Logger): void {
  const shutdown = (signal: NodeJS.Signals) => {
    logger.log(`${signal} received: draining requests, then stopping`);
    stopWithin(
      config.operations.shutdownTimeoutSeconds,
      async () => {
        await drainHttp(app.getHttpServer() as Server);
        logger.log('Requests drained: stopping projections and closing pools');
        await app.close();
      },
      (message) => logger.error(message),
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

export async function startApi(config: LedgerlineConfig): Promise<INestApplication> {
  const app = await createApp(config);
  const logger = new Logger('Ledgerline');
  exitGracefullyOnSignals(app, config, logger);
  try {
    await app.listen(config.port);
  } catch (error) {
    await app.close();
    throw error;
  }
  logger.log(`API on http://localhost:${config.port}/v1 (OpenAPI at /docs, health at /health)`);
  announceAdminKey(app.get(ADMIN_KEY_BOOTSTRAP), config.port);
  return app;
}
