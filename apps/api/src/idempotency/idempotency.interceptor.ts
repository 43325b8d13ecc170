import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { BadRequestException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { ConcurrentModification } from '@ledgerline/application';
import { toProblem } from '../http/problem-details.filter';
import { actorScope } from '../http/request-context';
import { IdempotencyKeyInFlight, IdempotencyKeyReused, ReplayedProblem } from './idempotency-errors';
import { IdempotencyStore, type StoredResponse } from './idempotency.store';

const HEADER = 'idempotency-key';
const REPLAYED_HEADERS = ['etag', 'location'];
/** Outcomes of the command itself are repeated; invalid input and server errors free the key for a corrected retry. */
const REPEATABLE_PROBLEMS = new Set([404, 409, 412]);
const WAIT_FOR_FIRST_MS = 15_000;
// Waiting duplicates look again soon, then less and less often, not to crowd out the request they wait for.
const FIRST_POLL_MS = 20;
const MAX_POLL_MS = 250;

const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
        )
      : value;

const requestHash = (request: Request): string =>
  createHash('sha256')
    .update(JSON.stringify([request.method, request.path, canonical(request.body ?? null)]))
    .digest('hex');

/**
 * Idempotency-Key on POST: the first answer for a key is stored and given again to every
 * retry with the same request, also when the duplicates arrive concurrently.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.header(HEADER);
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw new BadRequestException('Idempotency-Key must be 1 to 255 visible ASCII characters');

    const scope = actorScope(request);
    const stored = await this.firstAnswer(scope, key, requestHash(request));
    if (stored) return from(this.replay(stored, response));

    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        const headers = Object.fromEntries(
          REPLAYED_HEADERS.flatMap((name) => (response.hasHeader(name) ? [[name, String(response.getHeader(name))]] : [])),
        );
        await this.store.complete(scope, key, { status, headers, body });
        return body;
      }),
      catchError(async (error: unknown) => {
        const problem = toProblem(error);
        if (REPEATABLE_PROBLEMS.has(problem.status) && !(error instanceof ConcurrentModification))
          await this.store.complete(scope, key, { status: problem.status, headers: {}, body: problem });
        else await this.store.release(scope, key);
        throw error;
      }),
    );
  }

  /** Undefined when this request won the key and must run; otherwise the answer to repeat. */
  private async firstAnswer(scope: string, key: string, hash: string): Promise<StoredResponse | undefined> {
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (let pause = FIRST_POLL_MS; ; pause = Math.min(MAX_POLL_MS, pause * 2)) {
      const claim = await this.store.claim(scope, key, hash);
      if (claim.kind === 'claimed') return undefined;
      if (claim.kind === 'mismatch') throw new IdempotencyKeyReused();
      if (claim.kind === 'replay') return claim.response;
      if (Date.now() > deadline) throw new IdempotencyKeyInFlight();
      await sleep(pause);
    }
  }

  private async replay(stored: StoredResponse, response: Response): Promise<unknown> {
    if (stored.status >= 400) throw new ReplayedProblem(stored.body as ConstructorParameters<typeof ReplayedProblem>[0]);
    for (const [name, value] of Object.entries(stored.headers)) response.setHeader(name, value);
    response.setHeader('Idempotent-Replayed', 'true');
    return stored.body;
  }
}
