import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { PeriodQuery } from '../http/period-query';
import { RecordIdField } from '../http/record-id';
import { PIPELINE_PERIOD } from './pipeline-period';

/** `?from&to`: the period [from, to), by default the last 90 days. */
export class PipelinePeriodQuery extends PeriodQuery(PIPELINE_PERIOD) {}

const EVERY_PIPELINE = 'Deals of this pipeline only; default: every pipeline';

export class OwnersQuery extends PipelinePeriodQuery {
  @RecordIdField({ optional: true, description: EVERY_PIPELINE })
  pipelineId?: string;
}

class OwnerPeriodQuery extends PipelinePeriodQuery {
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
