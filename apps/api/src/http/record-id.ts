import { applyDecorators, Param, ParseUUIDPipe, type PipeTransform } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsUUID } from 'class-validator';
import { RequestValidationFailed } from './validation';

/** UUIDs are case-insensitive on input; streams are named with the lower-case form. */
const lowerCase: PipeTransform<string, string> = { transform: (value) => value.toLowerCase() };
const lowerCased = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value));

/** A record id in the path: a UUID in any case, or a 400 naming the parameter. */
export const RecordId = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({ exceptionFactory: () => new RequestValidationFailed([{ field: name, messages: [`${name} must be a UUID`] }]) }),
    lowerCase,
  );

/** A record id in a body. */
export const RecordIdField = ({ optional = false, description }: { optional?: boolean; description: string }) =>
  applyDecorators(
    (optional ? ApiPropertyOptional : ApiProperty)({ format: 'uuid', description }),
    ...(optional ? [IsOptional()] : []),
    IsUUID(undefined, { message: '$property must be a UUID' }),
    lowerCased(),
  );
