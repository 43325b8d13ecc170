import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TIMESERIES_INTERVALS, TIMESERIES_METRICS, type TimeseriesInterval, type TimeseriesMetric } from '@ledgerline/projections';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ConsistencyQuery } from '../http/read-consistency';
import { RecordIdField } from '../http/record-id';

const PeriodDate = (description: string, example: string) =>
  applyDecorators(
    ApiProperty({ type: String, format: 'date', example, description }),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date written YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date' }),
  );

/** `from`, `to` (UTC dates: the period is [from, to)) and an optional owner. */
export class PeriodQuery extends ConsistencyQuery {
  @PeriodDate('First day of the period (UTC), included', '2026-01-01')
  from!: string;

  @PeriodDate('Day after the period (UTC), excluded', '2026-04-01')
  to!: string;

  @ApiPropertyOptional({ description: "Only this owner's book: deals by their owner, customers by theirs", example: 'ana' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  owner?: string;
}

export class KpiQuery extends PeriodQuery {
  @RecordIdField({ optional: true, description: 'Deal KPIs of this pipeline only; stage conversion: the default pipeline when absent' })
  pipelineId?: string;
}

export class TimeseriesQuery extends PeriodQuery {
  @ApiProperty({ enum: Object.keys(TIMESERIES_METRICS), description: 'What to count (docs/read-models.md, "Analytics")' })
  @IsIn(Object.keys(TIMESERIES_METRICS))
  metric!: TimeseriesMetric;

  @ApiPropertyOptional({ enum: TIMESERIES_INTERVALS, default: 'day', description: 'Bucket size: UTC days, ISO weeks, calendar months' })
  @IsOptional()
  @IsIn(TIMESERIES_INTERVALS)
  interval?: TimeseriesInterval;
}
