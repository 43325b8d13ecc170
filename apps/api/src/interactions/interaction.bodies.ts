import { RecordIdField } from '../http/record-id';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, DIRECTIONS, type Channel, type Direction } from '@ledgerline/domain';
import { IsIn, IsOptional } from 'class-validator';
import { CalendarDate, Instant, OptionalText } from '../http/field-rules';

export class LogInteractionBody {
  @RecordIdField({ optional: true, description: 'Client-chosen id; generated when absent' })
  id?: string;

  @RecordIdField({ description: 'The customer the interaction was with' })
  customerId!: string;

  @RecordIdField({ optional: true, description: 'The deal it is about; must be a deal of that customer' })
  dealId?: string;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiProperty({ enum: DIRECTIONS })
  @IsIn(DIRECTIONS)
  direction!: Direction;

  @Instant(true, 'When it happened')
  occurredAt!: string;

  @OptionalText(200, 'Subject line')
  subject?: string;

  @OptionalText(10_000, 'What was said or written')
  summary?: string;

  @OptionalText(200, 'Outcome')
  outcome?: string;

  @CalendarDate('When to follow up')
  followUpDueDate?: string;
}

/** Only the fields present change; null clears an optional one. */
export class AmendInteractionBody {
  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ enum: DIRECTIONS })
  @IsOptional()
  @IsIn(DIRECTIONS)
  direction?: Direction;

  @Instant(false, 'When it happened')
  occurredAt?: string;

  @OptionalText(200, 'Subject line')
  subject?: string | null;

  @OptionalText(10_000, 'What was said or written')
  summary?: string | null;

  @OptionalText(200, 'Outcome')
  outcome?: string | null;

  @CalendarDate('When to follow up; null clears it')
  followUpDueDate?: string | null;
}

export class DeleteInteractionBody {
  @OptionalText(500, 'Why it is deleted')
  reason?: string;
}
