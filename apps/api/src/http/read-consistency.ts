import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import type { GlobalPosition } from '@ledgerline/event-store';
import type { ReadModelFreshness } from '@ledgerline/projections';
import { IsOptional, Matches } from 'class-validator';
import type { Response } from 'express';

/** How long a read waits for its read model to reach the position the caller asked for. */
export const CONSISTENCY_WAIT_MS = 5_000;

/** The read model did not reach the caller's position in time: retry shortly. */
export class ReadModelBehind extends Error {
  constructor(
    readonly projection: string,
    readonly target: GlobalPosition,
    readonly reached: GlobalPosition | undefined,
  ) {
    super(`The ${projection} read model has not reached position ${target} yet (it is at ${reached ?? 'the start'}); retry shortly`);
    this.name = 'ReadModelBehind';
  }
}

export class ConsistencyQuery {
  @ApiPropertyOptional({
    description: 'A position from a command answer: wait (up to 5 s) until the read model shows that write',
    example: '219550481834311683',
  })
  @IsOptional()
  @Matches(/^\d{1,40}$/, { message: '$property must be a position from a command answer' })
  consistentWith?: string;
}

/**
 * The position a read reached, after waiting (bounded) for `target` when one is given. The position is read
 * before the query runs, so the answer is at least that fresh.
 */
export async function readConsistently(
  freshness: ReadModelFreshness,
  projection: string,
  target: GlobalPosition | undefined,
): Promise<GlobalPosition | undefined> {
  const reached =
    target === undefined ? await freshness.position(projection) : await freshness.waitFor(projection, target, CONSISTENCY_WAIT_MS);
  if (target !== undefined && (reached === undefined || reached < target)) throw new ReadModelBehind(projection, target, reached);
  return reached;
}

/** Says in X-Read-Model-Position how fresh the answer is: the position its read models had reached ('' before any). */
export type PositionHeader = Readonly<{ set: (reached: GlobalPosition | undefined) => void }>;

/** The answer's X-Read-Model-Position, the one header a read model route sets itself. */
export const ReadModelPosition = createParamDecorator((_: unknown, context: ExecutionContext): PositionHeader => {
  const response = context.switchToHttp().getResponse<Response>();
  return { set: (reached) => response.setHeader('X-Read-Model-Position', reached?.toString() ?? '') };
});
