import { ApiPropertyOptional } from '@nestjs/swagger';
import { LIFECYCLE_STAGES } from '@ledgerline/domain';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery } from '../http/page-query';

export class ListCustomersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: LIFECYCLE_STAGES })
  @IsOptional()
  @IsIn(LIFECYCLE_STAGES)
  lifecycleStage?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  owner?: string;

  @ApiPropertyOptional({ description: 'Customers carrying this tag' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  tag?: string;

  @ApiPropertyOptional({ example: 'DE' })
  @IsOptional()
  @IsString()
  @Length(2, 2)
  country?: string;

  @ApiPropertyOptional({ description: "City of the customer's location: its visiting address, else billing, else shipping" })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  city?: string;

  @ApiPropertyOptional({ description: "Region of the customer's location" })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  region?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  industry?: string;

  @ApiPropertyOptional({ enum: ['active', 'archived', 'erased'] })
  @IsOptional()
  @IsIn(['active', 'archived', 'erased'])
  status?: 'active' | 'archived' | 'erased';

  @ApiPropertyOptional({ description: 'Current members of this segment (its id)' })
  @IsOptional()
  @IsUUID()
  segment?: string;

  @ApiPropertyOptional({ description: 'Free text, matched in name and email' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ enum: ['name', 'registeredAt'], default: 'name' })
  @IsOptional()
  @IsIn(['name', 'registeredAt'])
  sort?: 'name' | 'registeredAt';
}
