import { applyDecorators, type Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { ConsistencyQuery } from './read-consistency';
import { RequestValidationFailed } from './validation';

export type Period = Readonly<{ from: Date; to: Date }>;

/**
 * How a family of routes writes the bounds of a period and reads them: analytics counts whole UTC days, both
 * given; the pipeline reads take instants with defaults. Each keeps its own rules and messages.
 */
export type PeriodContract<Bounds> = Readonly<{
  from: PropertyDecorator;
  to: PropertyDecorator;
  /** The period the validated bounds name; 400 when it is empty, reversed or too long. */
  periodOf: (bounds: Bounds) => Period;
}>;

/** `?from&to`, the period [from, to) under a contract, with `consistentWith`. */
export function PeriodQuery<Bounds extends { from?: string; to?: string }>(
  contract: PeriodContract<Bounds>,
): Type<ConsistencyQuery & Bounds> {
  class BoundsQuery extends ConsistencyQuery {
    @contract.from
    from?: string;

    @contract.to
    to?: string;
  }
  return BoundsQuery as Type<ConsistencyQuery & Bounds>;
}

type BoundRules = Readonly<{
  optional: boolean;
  /** The shape a bound must have, and the message when it has not. */
  shape: RegExp;
  shapeMessage: string;
  /** The message for a text of that shape that is no real date (2026-02-30). */
  dateMessage: string;
  docs: ApiPropertyOptions;
}>;

/** One bound of a period: an ISO 8601 text of the contract's shape. */
export const PeriodBound = ({ optional, shape, shapeMessage, dateMessage, docs }: BoundRules) =>
  applyDecorators(
    (optional ? ApiPropertyOptional : ApiProperty)({ type: String, ...docs } as ApiPropertyOptions),
    ...(optional ? [IsOptional()] : []),
    Matches(shape, { message: shapeMessage }),
    IsISO8601({ strict: true }, { message: dateMessage }),
  );

export const invalidPeriod = (field: 'from' | 'to', message: string) => new RequestValidationFailed([{ field, messages: [message] }]);
