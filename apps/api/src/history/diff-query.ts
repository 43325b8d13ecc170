import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { INSTANT_EXAMPLE } from '@ledgerline/application';

/** Each bound is a revision (a whole number) or an instant; they are told apart, and checked, by the route. */
export class DiffQuery {
  @ApiPropertyOptional({
    description: `Start after this revision, or at this instant (${INSTANT_EXAMPLE}); default: before the record existed`,
    example: '3',
  })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiPropertyOptional({ description: 'End at this revision, or at this instant; default: the latest revision', example: INSTANT_EXAMPLE })
  @IsOptional()
  @IsString()
  to?: string;
}
