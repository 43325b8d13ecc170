import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TIMESERIES_INTERVALS, TIMESERIES_METRICS, type TimeseriesInterval, type TimeseriesMetric } from '@ledgerline/projections';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PeriodQuery } from '../http/period-query';
import { RecordIdField } from '../http/record-id';
import { ANALYTICS_PERIOD } from './analytics-period';

/** `from`, `to` (UTC dates: the period is [from, to)) and an optional owner. */
export class AnalyticsPeriodQuery extends PeriodQuery(ANALYTICS_PERIOD) {
  @ApiPropertyOptional({ description: "Only this owner's book: deals by their owner, customers by theirs", example: 'ana' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  owner?: string;
}

export class KpiQuery extends AnalyticsPeriodQuery {
  @RecordIdField({ optional: true, description: 'Deal KPIs of this pipeline only; stage conversion: the default pipeline when absent' })
  pipelineId?: string;
}

export class TimeseriesQuery extends AnalyticsPeriodQuery {
  @ApiProperty({ enum: Object.keys(TIMESERIES_METRICS), description: 'What to count (docs/read-models.md, "Analytics")' })
  @IsIn(Object.keys(TIMESERIES_METRICS))
  metric!: TimeseriesMetric;

  @ApiPropertyOptional({ enum: TIMESERIES_INTERVALS, default: 'day', description: 'Bucket size: UTC days, ISO weeks, calendar months' })
  @IsOptional()
  @IsIn(TIMESERIES_INTERVALS)
  interval?: TimeseriesInterval;
}
