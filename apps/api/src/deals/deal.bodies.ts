import { RecordIdField } from '../http/record-id';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { CalendarDate, CurrencyCode, DecimalAmount, OptionalText, RequiredText, TextIfPresent } from '../http/field-rules';

const StageId = () => Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: '$property must be a stage id such as "proposal"' });

export class OpenDealBody {
  @RecordIdField({ optional: true, description: 'Client-chosen id; generated when absent' })
  id?: string;

  @RecordIdField({ description: 'The customer the deal is with' })
  customerId!: string;

  @RequiredText(200, 'What is being sold', '40 seats, annual plan')
  title!: string;

  @DecimalAmount()
  amount!: string;

  @CurrencyCode()
  currency!: string;

  @RecordIdField({ optional: true, description: 'Defaults to the default pipeline' })
  pipelineId?: string;

  @ApiPropertyOptional({ example: 'qualified', description: "Defaults to the pipeline's first stage" })
  @IsOptional()
  @StageId()
  stageId?: string;

  @CalendarDate('When the deal is expected to close')
  expectedCloseDate?: string;

  @OptionalText(200, 'Owning sales person')
  owner?: string;
}

/** Only the fields present change. */
export class UpdateDealBody {
  @TextIfPresent(200, 'New title')
  title?: string;

  /** Amount and currency change together. */
  @DecimalAmount({ optional: true })
  amount?: string;

  @CurrencyCode({ optional: true })
  currency?: string;

  @CalendarDate('New expected close date; null clears it')
  expectedCloseDate?: string | null;
}

export class ChangeStageBody {
  @RequiredText(64, 'A stage of the deal’s pipeline', 'proposal')
  @StageId()
  stageId!: string;
}

export class LoseDealBody {
  @RequiredText(500, 'Why the deal was lost', 'Chose a competitor')
  reason!: string;
}

export class ReopenDealBody {
  @ApiPropertyOptional({ example: 'negotiation', description: 'Defaults to the stage the deal was closed in' })
  @IsOptional()
  @StageId()
  stageId?: string;
}

export class ReassignDealBody {
  @RequiredText(200, 'New owning sales person')
  owner!: string;
}
