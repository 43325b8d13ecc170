import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { CurrencyCode } from '../http/field-rules';
import { PageQuery } from '../http/page-query';
import { ConsistencyQuery } from '../http/read-consistency';
import { RecordIdField } from '../http/record-id';

const DEAL_STATUSES = ['open', 'won', 'lost'] as const;

/** `?pipelineId=`: the pipeline a summary or forecast is about; the default pipeline when absent. */
export class PipelineQuery extends ConsistencyQuery {
  @RecordIdField({ optional: true, description: 'Defaults to the default pipeline' })
  pipelineId?: string;
}

export class ListDealsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DEAL_STATUSES })
  @IsOptional()
  @IsIn(DEAL_STATUSES)
  status?: (typeof DEAL_STATUSES)[number];

  @RecordIdField({ optional: true, description: 'Deals of this pipeline' })
  pipelineId?: string;

  @ApiPropertyOptional({ example: 'proposal' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: '$property must be a stage id such as "proposal"' })
  stageId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  owner?: string;

  @RecordIdField({ optional: true, description: 'Deals with this customer' })
  customerId?: string;

  @CurrencyCode({ optional: true })
  currency?: string;

  @ApiPropertyOptional({ enum: ['openedAt', 'amount'], default: 'openedAt' })
  @IsOptional()
  @IsIn(['openedAt', 'amount'])
  sort?: 'openedAt' | 'amount';
}
