import {
  applyDecorators,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiQuery } from '@nestjs/swagger';
import { INSTANT_EXAMPLE, parseAsOfOrRevision, RecordReader } from '@ledgerline/application';
import type { RecordKind } from '@ledgerline/domain';
import { isUUID } from 'class-validator';
import type { Request, Response } from 'express';
import { from, type Observable } from 'rxjs';
import { CAN } from '../auth/role-matrix';
import { setEtag } from './etag';
import { CurrentRecordHeaders } from './record-headers';
import { actorOf } from './request-context';
import { RequestValidationFailed } from './validation';

const KIND_METADATA = 'ledgerline:record-kind';

/**
 * `GET :id?asOf=` or `?revision=`: the record as its decider's state was then, from its stream, whatever the route
 * answers for the current state (a read model or the stream). It is history, so it takes a role that reads history.
 */
@Injectable()
export class RecordAsOfReads implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly reader: RecordReader,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const point = parseAsOfOrRevision(request.query.asOf, request.query.revision, new Date());
    if (point === undefined) return next.handle();
    const roles: readonly string[] = CAN.readHistory;
    if (!actorOf(request).roles.some((role) => roles.includes(role))) {
      throw new ForbiddenException(`Reading a record as it was needs one of the roles ${CAN.readHistory.join(', ')}.`);
    }
    const id = request.params.id;
    if (typeof id !== 'string' || !isUUID(id)) throw new RequestValidationFailed([{ field: 'id', messages: ['id must be a UUID'] }]);
    const kind = this.reflector.get<RecordKind>(KIND_METADATA, context.getHandler());
    const response = context.switchToHttp().getResponse<Response>();
    return from(
      this.reader.asOf(kind, id.toLowerCase(), point).then((record) => {
        setEtag(response, record.revision);
        return record;
      }),
    );
  }
}

/**
 * A `GET :id` of a record kind: its current state with its revision as ETag, or, with `?asOf=` or `?revision=`, the
 * state of that point (`{ kind, id, revision, asOf, state, event }`).
 */
export const AnswersRecord = (kind: RecordKind) =>
  applyDecorators(
    SetMetadata(KIND_METADATA, kind),
    ApiQuery({
      name: 'asOf',
      required: false,
      description: `The record as it was at this instant (${INSTANT_EXAMPLE}): answers { kind, id, revision, asOf, state, event }; roles that read history`,
    }),
    ApiQuery({
      name: 'revision',
      required: false,
      description: 'The record as it was right after this revision, answered as for asOf',
    }),
    // In this order: an as-of read answers before the route and its current-state headers.
    UseInterceptors(RecordAsOfReads, CurrentRecordHeaders),
  );
