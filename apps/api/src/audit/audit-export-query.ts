import { ApiPropertyOptional } from '@nestjs/swagger';
import { RECORD_KIND_NAMES, type RecordKind } from '@ledgerline/domain';
import { IsIn, IsOptional, IsString } from 'class-validator';

/** Each bound is a log position or an instant; they are told apart, and checked, by parseLogRange. */
export class AuditExportQuery {
  @ApiPropertyOptional({
    description: 'First event, included: a log position, or an instant with its offset (events recorded then or later)',
    example: '2026-07-01T00:00:00Z',
  })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiPropertyOptional({
    description: 'Last event, included: a log position or an instant; default: the head of the log',
    example: '2026-09-30T23:59:59Z',
  })
  @IsOptional()
  @IsString()
  to?: string;

  @ApiPropertyOptional({
    description: 'Resume: only events after this log position (the `position` of the last line received), with the same from, to and kind',
    example: '1234567890',
  })
  @IsOptional()
  @IsString()
  after?: string;

  @ApiPropertyOptional({ description: 'Only the events of this record kind', enum: RECORD_KIND_NAMES })
  @IsOptional()
  @IsIn(RECORD_KIND_NAMES)
  kind?: RecordKind;
}
