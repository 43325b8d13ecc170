import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { CurrentRecord } from '@ledgerline/application';
import type { Response } from 'express';
import { map, tap, type Observable } from 'rxjs';
import { setEtag } from './etag';
import type { RecordReference } from './record-reference';

// These interceptors are attached per route, never globally: route interceptors run inside the global
// idempotency interceptor, so the headers are on the response when it stores the first answer, and a
// replay (which never reaches the route) repeats them.

/** A command's answer names the record: ETag is its revision, and a creation (201) gives its Location. */
@Injectable()
export class RecordReferenceHeaders implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler<RecordReference>): Observable<RecordReference> {
    const response = context.switchToHttp().getResponse<Response>();
    const collection = this.reflector.get<string>(PATH_METADATA, context.getClass());
    return next.handle().pipe(
      tap(({ id, revision }) => {
        if (response.statusCode === 201) response.setHeader('Location', `/${collection}/${id}`);
        setEtag(response, revision);
      }),
    );
  }
}

/** A read of one record answers its state, with its revision as ETag (so If-None-Match can answer 304). */
@Injectable()
export class CurrentRecordHeaders implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler<CurrentRecord<unknown>>): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map(({ state, revision }) => {
        setEtag(response, revision);
        return state;
      }),
    );
  }
}
