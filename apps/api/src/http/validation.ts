import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

export type FieldError = Readonly<{ field: string; messages: string[] }>;

/** Carries every failed constraint, flattened to dotted field paths, into the 400 problem. */
export class RequestValidationFailed extends BadRequestException {
  constructor(readonly fieldErrors: readonly FieldError[]) {
    super('The request body or parameters are invalid');
  }
}

/** The body is not JSON at all. */
export class MalformedJson extends Error {
  constructor(parserMessage: string) {
    super(`The request body is not valid JSON: ${parserMessage}.`);
    this.name = 'MalformedJson';
  }
}

/**
 * Express error middleware for right after the JSON parser: names its syntax errors, which Nest
 * would otherwise turn into an anonymous 400.
 */
export function nameJsonSyntaxErrors(error: unknown, _request: unknown, _response: unknown, next: (error: unknown) => void): void {
  const parseFailed = (error as { type?: unknown } | null)?.type === 'entity.parse.failed';
  next(parseFailed ? new MalformedJson((error as Error).message) : error);
}

function flatten(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

export const requestValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new RequestValidationFailed(flatten(errors)),
  });
