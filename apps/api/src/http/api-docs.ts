import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem-details';

export class ProblemDetailsSchema {
  @ApiProperty({ example: 'urn:ledgerline:problem:deal-closed' }) type!: string;
  @ApiProperty({ example: 'Business rule violated' }) title!: string;
  @ApiProperty({ example: 409 }) status!: number;
  @ApiProperty({ example: 'Deal 7d1c… is lost: reopen it before changing its stage.' }) detail!: string;
  @ApiProperty({ example: '/v1/deals/7d1c…/stage' }) instance!: string;
  @ApiProperty({ example: 'deal-closed' }) code!: string;
  @ApiPropertyOptional({ description: 'Validation failures: [{ field, messages }]', type: 'array', items: { type: 'object' } })
  errors?: unknown[];
}

const problemResponse = (status: number, description: string) =>
  ApiResponse({ status, description, content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsSchema) } } } });

/** The error answers every command route can give, documented once. */
export const CommandErrors = () =>
  applyDecorators(
    ApiExtraModels(ProblemDetailsSchema),
    problemResponse(400, 'Invalid input (field details in errors)'),
    problemResponse(404, 'The record does not exist'),
    problemResponse(409, 'A business rule refused the command, or the record already exists'),
    problemResponse(412, 'If-Match names a revision the record is no longer at; nothing was written'),
    problemResponse(422, 'Idempotency-Key reused with a different request'),
  );

export const ReadErrors = () => applyDecorators(ApiExtraModels(ProblemDetailsSchema), problemResponse(404, 'The record does not exist'));

export const IdempotentPost = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retrying with the same key and body returns the first answer again',
  });

export const ConditionalWrite = () =>
  ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the revision this write is based on; 412 if the record moved on' });
