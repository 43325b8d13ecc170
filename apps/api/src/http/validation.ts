import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

export type FieldError = Readonly<{ field: string; messages: string[] }>;

/** Carries every failed constraint, flattened to dotted field paths, into the 400 problem. */
export class RequestValidationFailed extends BadRequestException {
  constructor(readonly fieldErrors: readonly FieldError[]) {
    super('The request body or parameters are invalid');
  }
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
