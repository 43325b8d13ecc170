import { RecordIdField } from '../http/record-id';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, Matches, Max, Min, ValidateNested } from 'class-validator';
import { RequiredText } from '../http/field-rules';

export class PipelineStageBody {
  @ApiProperty({ example: 'proposal', description: 'Stable stage id (slug); deals refer to it' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: '$property must be a slug such as "proposal"' })
  id!: string;

  @RequiredText(100, 'Display name', 'Proposal')
  name!: string;

  @ApiProperty({ minimum: 0, maximum: 100, description: 'Default win probability in percent' })
  @IsInt()
  @Min(0)
  @Max(100)
  probability!: number;
}

export class DefinePipelineBody {
  @RecordIdField({ optional: true, description: 'Client-chosen id; generated when absent' })
  id?: string;

  @RequiredText(100, 'Pipeline name', 'Enterprise')
  name!: string;

  @ApiProperty({ type: [PipelineStageBody], description: 'In the order deals move through them' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PipelineStageBody)
  stages!: PipelineStageBody[];
}
