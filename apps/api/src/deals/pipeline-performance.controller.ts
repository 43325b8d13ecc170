import { applyDecorators, Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { UnknownRecord } from '@ledgerline/application';
import { DEFAULT_PIPELINE } from '@ledgerline/domain';
import { DealPerformanceQueries, pipelineProjection, ReadModelFreshness } from '@ledgerline/projections';
import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { Response } from 'express';
import { ProblemDetailsSchema, ReadErrors } from '../http/api-docs';
import { PROBLEM_CONTENT_TYPE } from '../http/problem-details';
import { ConsistencyQuery, readConsistently } from '../http/read-consistency';
import { RecordIdField } from '../http/record-id';
import { RequestValidationFailed } from '../http/validation';
import { CAN } from '../auth/role-matrix';
import { Roles } from '../auth/roles.decorator';

const DAY_MS = 86_400_000;
const DEFAULT_PERIOD_DAYS = 90;
/** About three years (with a leap day): longer periods are analytics work, not a pipeline read. */
const MAX_PERIOD_DAYS = 1096;

/** A calendar date (midnight UTC) or a date-time with its offset; never a local time, which would depend on the server. */
const PERIOD_BOUND = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const PERIOD_BOUND_MESSAGE = '$property must be an ISO 8601 date (2026-01-01) or date-time with offset (2026-01-01T08:00:00Z)';

const PeriodBound = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: String, example: '2026-01-01', description }),
    IsOptional(),
    Matches(PERIOD_BOUND, { message: PERIOD_BOUND_MESSAGE }),
    IsISO8601({ strict: true }, { message: PERIOD_BOUND_MESSAGE }),
  );

/** `?from&to`: the period [from, to). */
export class PeriodQuery extends ConsistencyQuery {
  @PeriodBound(`Start of the period, inclusive; default: ${DEFAULT_PERIOD_DAYS} days before \`to\``)
  from?: string;

  @PeriodBound('End of the period, exclusive; default: now')
  to?: string;
}

const EVERY_PIPELINE = 'Deals of this pipeline only; default: every pipeline';

export class OwnersQuery extends PeriodQuery {
  @RecordIdField({ optional: true, description: EVERY_PIPELINE })
  pipelineId?: string;
}

class OwnerPeriodQuery extends PeriodQuery {
  @ApiPropertyOptional({ description: "Deals of this owner only (the deal's current owner)" })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  owner?: string;
}

export class PerformanceQuery extends OwnerPeriodQuery {
  @RecordIdField({ optional: true, description: EVERY_PIPELINE })
  pipelineId?: string;
}

export class FunnelQuery extends OwnerPeriodQuery {
  @RecordIdField({ optional: true, description: 'Defaults to the default pipeline' })
  pipelineId?: string;
}

const invalid = (field: string, message: string) => new RequestValidationFailed([{ field, messages: [message] }]);

/** A bound that passed validation; still checked, so that a date JavaScript cannot hold is a 400, not a 500. */
function bound(field: 'from' | 'to', value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw invalid(field, `${field} must be a real date`);
  return date;
}

/** The period a query names, with its defaults; 400 when it is empty, reversed or too long. */
function periodOf({ from, to }: PeriodQuery, now = new Date()): { from: Date; to: Date } {
  const end = to === undefined ? now : bound('to', to);
  const start = from === undefined ? new Date(end.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS) : bound('from', from);
  if (start >= end) throw invalid('to', `to${to === undefined ? ' (default: now)' : ''} must be later than from`);
  if (end.getTime() - start.getTime() > MAX_PERIOD_DAYS * DAY_MS) {
    throw invalid('from', `the period must not be longer than ${MAX_PERIOD_DAYS} days (about three years)`);
  }
  return { from: start, to: end };
}

/** The answers of a period read: 400 for a bad period, 404 for an unknown pipeline. */
const PeriodReadErrors = () =>
  applyDecorators(
    ReadErrors(),
    ApiResponse({
      status: 400,
      description: 'from or to is not a date, from is not before to, or the period is longer than about three years',
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsSchema) } } },
    }),
  );

/**
 * Pipeline performance over a period, from the pipeline read model: win rate, cycle length and sales velocity, the stage
 * funnel, figures per owner. Formulas: docs/read-models.md, "Pipeline performance". X-Read-Model-Position says how fresh.
 */
@ApiTags('pipeline')
@Roles(...CAN.read)
@Controller('v1/pipeline')
export class PipelinePerformanceController {
  constructor(
    private readonly queries: DealPerformanceQueries,
    private readonly freshness: ReadModelFreshness,
  ) {}

  @Get('performance')
  @PeriodReadErrors()
  @ApiOperation({
    summary: 'Win rate, average cycle (days) and, per currency, won and open amounts and sales velocity per day, over [from, to)',
  })
  @ApiOkResponse({
    description:
      '{ from, to, closed, won, lost, winRate, averageCycleDays, byCurrency: [{ currency, wonCount, wonAmount, averageWonAmount, ' +
      'openCount, openAmount, salesVelocityPerDay }] }; amounts are decimal strings',
  })
  async performance(@Query() query: PerformanceQuery, @Res({ passthrough: true }) response: Response) {
    const period = await this.prepare(query, response, query.pipelineId);
    return this.queries.performance({ ...period, owner: query.owner, pipelineId: query.pipelineId });
  }

  @Get('funnel')
  @PeriodReadErrors()
  @ApiOperation({
    summary: 'Stage funnel of the deals opened in [from, to): per stage in pipeline order, how many reached it, conversions, days in stage',
  })
  @ApiOkResponse({
    description:
      '{ pipelineId, from, to, cohort, won, stages: [{ stageId, name, position, reached, conversionFromPrevious, conversionFromFirst, ' +
      'averageDaysInStage }] }',
  })
  async funnel(@Query() query: FunnelQuery, @Res({ passthrough: true }) response: Response) {
    const pipelineId = query.pipelineId ?? DEFAULT_PIPELINE.pipelineId;
    const period = await this.prepare(query, response);
    const funnel = await this.queries.funnel(pipelineId, { ...period, owner: query.owner });
    if (funnel === undefined) throw new UnknownRecord('pipeline', pipelineId);
    return funnel;
  }

  @Get('owners')
  @PeriodReadErrors()
  @ApiOperation({ summary: 'Per owner: open deals per currency (count, amount, weighted), deals won and lost in [from, to), win rate' })
  @ApiOkResponse({
    description: '[{ owner ("unassigned" for deals without one), open: [{ currency, count, amount, weighted }], won, lost, winRate }]',
  })
  async owners(@Query() query: OwnersQuery, @Res({ passthrough: true }) response: Response) {
    const period = await this.prepare(query, response, query.pipelineId);
    return this.queries.owners({ ...period, pipelineId: query.pipelineId });
  }

  /** The period (or 400), X-Read-Model-Position after waiting for `consistentWith`, and 404 for a pipeline nobody knows. */
  private async prepare(query: PeriodQuery, response: Response, pipelineId?: string): Promise<{ from: Date; to: Date }> {
    const period = periodOf(query);
    const target = query.consistentWith === undefined ? undefined : BigInt(query.consistentWith);
    await readConsistently(this.freshness, pipelineProjection.name, target, response);
    if (pipelineId !== undefined && !(await this.queries.pipelineKnown(pipelineId))) throw new UnknownRecord('pipeline', pipelineId);
    return period;
  }
}
