import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestLogContext } from '@ledgerline/platform';

/**
 * Request ids for logs. requestContextMiddleware (request-context.ts) runs first: it takes a well-formed
 * incoming X-Request-Id / X-Correlation-Id or generates them, stores them on the request and echoes them.
 */
type Identified = IncomingMessage & { requestId?: string; correlationId?: string; actor?: unknown; principal?: unknown };

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Who acted, as the authentication put it on the request; only plain fields, never a credential. */
function actorFields(request: Identified): Record<string, unknown> | undefined {
  const actor = request.actor ?? request.principal;
  if (!actor || typeof actor !== 'object') return undefined;
  const fields = actor as Record<string, unknown>;
  const roles = Array.isArray(fields.roles) ? fields.roles.filter((role) => typeof role === 'string') : undefined;
  return {
    type: text(fields.type),
    id: text(fields.id) ?? text(fields.keyId) ?? text(fields.subject),
    name: text(fields.name),
    authMethod: text(fields.authMethod),
    roles,
  };
}

export const requestLogContext: RequestLogContext = {
  requestId: (request) => ((request as Identified).requestId ??= randomUUID()),
  // On the request's first lines the actor is not known yet (authentication runs later); the closing line has it.
  bindings: (request, response: ServerResponse) => {
    const identified = request as Identified;
    if (!response.headersSent) return { requestId: identified.requestId, correlationId: identified.correlationId };
    const actor = actorFields(identified);
    return actor ? { actor } : {};
  },
  quiet: (request) => /^\/(health|metrics)(\/|\?|$)/.test(request.url ?? ''),
};
