import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { GlobalPosition } from '@ledgerline/event-store';
import { analyticsProjection, KpiQueries, pipelineProjection, ReadModelFreshness } from '@ledgerline/projections';
import { readConsistently, ReadModelPosition, type PositionHeader } from '../http/read-consistency';
import { ANALYTICS_PERIOD } from './analytics-period';
import { KpiQuery, TimeseriesQuery } from './analytics-queries';
import { CAN } from '../auth/role-matrix';
import { Roles } from '../auth/roles.decorator';

/** KPIs and time series from the analytics (and, for deals, the pipeline) read models; formulas in docs/read-models.md. */
@ApiTags('analytics')
@Roles(...CAN.read)
@Controller('v1/analytics')
export class AnalyticsController {
  constructor(
    private readonly queries: KpiQueries,
    private readonly freshness: ReadModelFreshness,
  ) {}

  @Get('kpis')
  @ApiOperation({
    summary:
      'KPIs over [from, to): win rate, cycle length, sales velocity, stage conversion, churn and retention, repeat purchase rate, ' +
      'average order value, customer lifetime value, interactions per customer',
  })
  @ApiOkResponse({ description: 'Ratios are numbers (4 decimals), money decimal strings per currency; null where undefined (0/0)' })
  async kpis(@Query() query: KpiQuery, @ReadModelPosition() position: PositionHeader) {
    const { from, to } = ANALYTICS_PERIOD.periodOf(query);
    await this.consistent(query.consistentWith, [analyticsProjection.name, pipelineProjection.name], position);
    return this.queries.kpis({ from, to, owner: query.owner, pipelineId: query.pipelineId });
  }

  @Get('timeseries')
  @ApiOperation({ summary: 'One metric per day, ISO week or calendar month over [from, to); money per currency' })
  @ApiOkResponse({ description: '{ metric, interval, unit, series: [{ currency, points: [{ start, value }] }] }' })
  async timeseries(@Query() query: TimeseriesQuery, @ReadModelPosition() position: PositionHeader) {
    const { from, to } = ANALYTICS_PERIOD.periodOf(query);
    await this.consistent(query.consistentWith, [analyticsProjection.name], position);
    return this.queries.timeseries({ from, to, metric: query.metric, interval: query.interval ?? 'day', owner: query.owner });
  }

  /** The answer may read several read models: wait for each, and report the lowest position they have all reached. */
  private async consistent(consistentWith: string | undefined, projections: readonly string[], position: PositionHeader): Promise<void> {
    const target = consistentWith === undefined ? undefined : BigInt(consistentWith);
    const reached: (GlobalPosition | undefined)[] = [];
    for (const projection of projections) {
      reached.push(await readConsistently(this.freshness, projection, target));
      // After each one, so that a 503 for a later read model still says how fresh the earlier ones were.
      position.set(reached.reduce((low, next) => (low === undefined || next === undefined ? undefined : next < low ? next : low)));
    }
  }
}
