import { applyDecorators, Delete, HttpCode, Patch, Post, Put, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Role } from '@ledgerline/platform';
import { Roles } from '../auth/roles.decorator';
import { IdempotentPost } from './api-docs';
import { RecordReferenceHeaders } from './record-headers';
import { RecordReference } from './record-reference';

const METHODS = { POST: Post, PUT: Put, PATCH: Patch, DELETE: Delete };

export type CommandRouteOptions = Readonly<{
  method: keyof typeof METHODS;
  path?: string;
  summary: string;
  /** Only where the controller does not name the roles for all of its routes. */
  roles?: readonly Role[];
  /** A creation answers 201 with a Location; every other command answers 200. */
  creates?: boolean;
}>;

/**
 * A route that runs one command and answers a RecordReference, with its ETag (and Location). Only POST takes an
 * Idempotency-Key: the other methods are idempotent by themselves.
 */
export const CommandRoute = ({ method, path, summary, roles, creates = false }: CommandRouteOptions) =>
  applyDecorators(
    METHODS[method](path),
    ...(roles ? [Roles(...roles)] : []),
    ...(method === 'POST' && !creates ? [HttpCode(200)] : []),
    ...(method === 'POST' ? [IdempotentPost()] : []),
    ApiOperation({ summary }),
    (creates ? ApiCreatedResponse : ApiOkResponse)({ type: RecordReference }),
    UseInterceptors(RecordReferenceHeaders),
  );
