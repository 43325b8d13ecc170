import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor, CommandContext } from '@ledgerline/application';
import type { Principal } from '@ledgerline/platform';
import type { NextFunction, Request, Response } from 'express';
import { parseIfMatch } from './etag';

const ID_PATTERN = /^[\w.:-]{1,128}$/;

type ContextualRequest = Request & { requestId?: string; correlationId?: string; actor?: Actor };

/** Called by the auth guard: from here on, the principal is the actor of every command the request causes. */
export function authenticateRequest(request: Request, principal: Principal): void {
  const { type, id, name, roles, authMethod } = principal;
  (request as ContextualRequest).actor = { type, id, name, roles: [...roles], authMethod };
}

const ANONYMOUS: Actor = { type: 'anonymous', id: 'anonymous', roles: [], authMethod: 'none' };

/** Gives every request an id and a correlation id (taken from the caller when well-formed) and echoes both. */
export function requestContextMiddleware(request: ContextualRequest, response: Response, next: NextFunction): void {
  const given = (name: string): string | undefined => {
    const value = request.header(name);
    return value && ID_PATTERN.test(value) ? value : undefined;
  };
  request.requestId = given('x-request-id') ?? randomUUID();
  request.correlationId = given('x-correlation-id') ?? request.requestId;
  response.setHeader('X-Request-Id', request.requestId);
  response.setHeader('X-Correlation-Id', request.correlationId);
  next();
}

export const actorOf = (request: Request): Actor => (request as ContextualRequest).actor ?? ANONYMOUS;

/** Idempotency keys are private to whoever sent them. */
export const actorScope = (request: Request): string => `${actorOf(request).type}:${actorOf(request).id}`;

export function commandContextOf(request: Request): CommandContext {
  const contextual = request as ContextualRequest;
  const expectedRevision = parseIfMatch(request.header('if-match'));
  const idempotencyKey = request.method === 'POST' ? request.header('idempotency-key') : undefined;
  return {
    actor: actorOf(request),
    correlationId: contextual.correlationId ?? randomUUID(),
    causationId: contextual.requestId ?? randomUUID(),
    source: 'api',
    now: new Date(),
    ...(idempotencyKey ? { idempotencyKey } : {}),
    ...(expectedRevision !== undefined ? { expectedRevision } : {}),
  };
}

/** The command context of the current request: provenance, clock reading and If-Match. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext) =>
  commandContextOf(context.switchToHttp().getRequest<Request>()),
);
