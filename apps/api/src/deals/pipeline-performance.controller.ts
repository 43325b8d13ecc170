import { applyDecorators, Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { UnknownRecord } from '@ledgerline/application';
import { DEFAULT_PIPELINE } from '@ledgerline/domain';
import { DealPerformanceQueries, pipelineProjection, ReadModelFreshness } from '@ledgerline/projections';
import { ProblemDetailsSchema, ReadErrors } from '../http/api-docs';
import { PROBLEM_CONTENT_TYPE } from '../http/problem-details';
import { readConsistently, ReadModelPosition, type PositionHeader } from '../http/read-consistency';
import { CAN } from '../auth/role-matrix';
import { Roles } from '../auth/roles.decorator';
import { PIPELINE_PERIOD } from './pipeline-period';
import { FunnelQuery, OwnersQuery, PerformanceQuery, type PipelinePeriodQuery } from './pipeline-performance-queries';

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
  async performance(@Query() query: PerformanceQuery, @ReadModelPosition() position: PositionHeader) {
    const period = await this.prepare(query, position, query.pipelineId);
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
  async funnel(@Query() query: FunnelQuery, @ReadModelPosition() position: PositionHeader) {
    const pipelineId = query.pipelineId ?? DEFAULT_PIPELINE.pipelineId;
    const period = await this.prepare(query, position);
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
  async owners(@Query() query: OwnersQuery, @ReadModelPosition() position: PositionHeader) {
    const period = await this.prepare(query, position, query.pipelineId);
    return this.queries.owners({ ...period, pipelineId: query.pipelineId });
  }

  /** The period (or 400), X-Read-Model-Position after waiting for `consistentWith`, and 404 for a pipeline nobody knows. */
  private async prepare(query: PipelinePeriodQuery, position: PositionHeader, pipelineId?: string): Promise<{ from: Date; to: Date }> {
    const period = PIPELINE_PERIOD.periodOf(query);
    const target = query.consistentWith === undefined ? undefined : BigInt(query.consistentWith);
    position.set(await readConsistently(this.freshness, pipelineProjection.name, target));
    if (pipelineId !== undefined && !(await this.queries.pipelineKnown(pipelineId))) throw new UnknownRecord('pipeline', pipelineId);
    return period;
  }
}
