import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { ConcurrentModification, RevisionMismatch } from '@ledgerline/application';
import { DomainError, InvalidInput, RecordAlreadyExists, RecordNotFound, RuleViolated } from '@ledgerline/domain';
import type { Request, Response } from 'express';
import { IdempotencyKeyInFlight, IdempotencyKeyReused, ReplayedProblem } from '../idempotency/idempotency-errors';
import { PROBLEM_CONTENT_TYPE, problem, type ProblemDetails } from './problem-details';
import { MalformedJson, RequestValidationFailed } from './validation';
import { ReadModelBehind } from './read-consistency';
import { InvalidCursor, InvalidSnapshotName, SnapshotExists, SnapshotInstantInFuture, SnapshotNotFound } from '@ledgerline/projections';

function fromDomainError(error: DomainError): ProblemDetails {
  const details = Object.keys(error.details).length > 0 ? { details: error.details } : {};
  if (error instanceof InvalidInput) {
    // The same shape as request validation failures, so clients read one kind of 400.
    const field = typeof error.details.field === 'string' ? error.details.field : undefined;
    return problem(400, error.code, 'Invalid input', error.message, {
      ...details,
      ...(field ? { errors: [{ field, messages: [error.message] }] } : {}),
    });
  }
  if (error instanceof RecordNotFound) return problem(404, error.code, 'Not found', error.message, details);
  if (error instanceof RecordAlreadyExists) return problem(409, error.code, 'Already exists', error.message, details);
  if (error instanceof RuleViolated) return problem(409, error.code, 'Business rule violated', error.message, details);
  return problem(409, error.code, 'Refused', error.message, details);
}

function fromStatus(status: number, detail: string): ProblemDetails {
  const title = STATUS_CODES[status] ?? 'Error';
  return problem(status, title.toLowerCase().replace(/[^a-z]+/g, '-'), title, detail);
}

type HttpError = { status: number; expose: true; type?: string; limit?: number; message: string };

/** Errors raised outside Nest (the body parser: body too large...) carry an http-errors status. */
const isHttpError = (error: unknown): error is HttpError =>
  typeof (error as HttpError | null)?.status === 'number' && (error as HttpError).expose === true;

function fromHttpError(error: HttpError): ProblemDetails {
  if (error.type === 'entity.too.large') {
    return problem(
      413,
      'payload-too-large',
      'Payload too large',
      `The request body is larger than the limit of ${error.limit ?? '?'} bytes.`,
    );
  }
  return fromStatus(error.status, error.message);
}

/** A field the validation pipe could not judge (it needs the data): the same 400 as request validation. */
const invalidField = (field: string, message: string): ProblemDetails =>
  problem(400, 'validation-failed', 'Invalid request', 'One or more fields are invalid; see errors.', {
    errors: [{ field, messages: [message] }],
  });

export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof ReplayedProblem) return error.problem;
  if (error instanceof RequestValidationFailed) {
    return problem(400, 'validation-failed', 'Invalid request', 'One or more fields are invalid; see errors.', {
      errors: error.fieldErrors,
    });
  }
  if (error instanceof DomainError) return fromDomainError(error);
  if (error instanceof RevisionMismatch) {
    return problem(412, 'revision-mismatch', 'Precondition failed', error.message, { currentRevision: error.actual ?? null });
  }
  if (error instanceof ConcurrentModification) return problem(409, 'concurrent-modification', 'Concurrent modification', error.message);
  if (error instanceof IdempotencyKeyReused) return problem(422, 'idempotency-key-reused', 'Idempotency key reused', error.message);
  if (error instanceof IdempotencyKeyInFlight) return problem(409, 'idempotency-key-in-flight', 'Request in progress', error.message);
  if (error instanceof HttpException) {
    return fromStatus(error.getStatus(), error.message);
  }
  if (error instanceof ReadModelBehind) return problem(503, 'read-model-behind', 'Read model behind', error.message);
  if (error instanceof InvalidCursor) return invalidField('cursor', error.message);
  if (error instanceof InvalidSnapshotName) return invalidField('name', error.message);
  if (error instanceof SnapshotInstantInFuture) return invalidField('asOf', error.message);
  if (error instanceof SnapshotExists) return problem(409, 'snapshot-exists', 'Already exists', error.message);
  if (error instanceof SnapshotNotFound) return problem(404, 'snapshot-not-found', 'Not found', error.message);
  if (error instanceof MalformedJson) return problem(400, 'malformed-json', 'Malformed JSON', error.message);
  if (isHttpError(error)) return fromHttpError(error);
  return problem(500, 'internal-error', 'Internal error', 'Something went wrong on our side; the request may be retried.');
}

/** Every error leaves as RFC 9457 application/problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const body = { ...toProblem(error), instance: request.originalUrl };
    if (body.status === 503) response.setHeader('Retry-After', '1');
    if (error instanceof ReplayedProblem) response.setHeader('Idempotent-Replayed', 'true');
    if (body.status >= 500 && body.status !== 503)
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    response.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }
}
