import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LedgerlineConfig } from '../config/config';

/** Credentials never reach a log line, whatever a serializer or a caller puts in it. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.token',
  '*.apiKey',
  '*.databaseUrl',
];

/** What an HTTP process adds to each request's log lines: ids and, once known, the actor. */
export type RequestLogContext = Readonly<{
  requestId: (request: IncomingMessage) => string;
  bindings: (request: IncomingMessage, response: ServerResponse) => Record<string, unknown>;
  /** Probes and scrapes are not worth a line each. */
  quiet?: (request: IncomingMessage) => boolean;
}>;

/**
 * JSON lines on stdout through pino; the Nest Logger used across the libs writes through it too, so every
 * line of a request carries its request id. LOG_LEVEL picks the level ("silent" writes nothing).
 */
export function structuredLogging(config: LedgerlineConfig, http?: RequestLogContext): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      level: config.logLevel,
      redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
      base: { service: 'ledgerline' },
      ...(http
        ? {
            genReqId: (request: IncomingMessage) => http.requestId(request),
            customProps: (request: IncomingMessage, response: ServerResponse) => http.bindings(request, response),
            autoLogging: { ignore: (request: IncomingMessage) => http.quiet?.(request) ?? false },
          }
        : { autoLogging: false }),
      customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
        error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    },
  });
}
