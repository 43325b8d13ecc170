import { createHash } from 'node:crypto';
import type { DynamicModule, Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { OperationsConfig } from '@ledgerline/platform';
import type { Request } from 'express';

/**
 * Who a request counts against: its credential (Authorization or X-API-Key, hashed so that no secret
 * is kept in memory as a key), else the client's address. Two keys behind one proxy are limited apart.
 */
export function rateLimitTracker(request: Request): string {
  const credential = request.headers.authorization ?? request.headers['x-api-key'];
  const value = Array.isArray(credential) ? credential.join(',') : credential;
  if (value) return `credential:${createHash('sha256').update(value).digest('base64url')}`;
  return `ip:${request.ip ?? request.socket.remoteAddress ?? 'unknown'}`;
}

/**
 * RATE_LIMIT_PER_MINUTE requests per minute and tracker, counted in this process (several replicas each
 * allow as many). Over the limit: 429 problem+json with Retry-After (seconds). 0 turns it off.
 */
export function rateLimiting(operations: OperationsConfig): { imports: DynamicModule[]; providers: Provider[] } {
  const limit = operations.rateLimitPerMinute;
  if (limit === 0) return { imports: [], providers: [] };
  return {
    imports: [
      ThrottlerModule.forRoot({
        throttlers: [{ name: 'default', ttl: 60_000, limit }],
        getTracker: (request) => rateLimitTracker(request as Request),
        errorMessage: `More than ${limit} requests a minute with this credential: retry after the number of seconds in Retry-After.`,
      }),
    ],
    providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],
  };
}
