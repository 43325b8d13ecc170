import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';
import { RecordIdField } from '../http/record-id';
import { OptionalText, RequiredText, TextIfPresent } from '../http/field-rules';
import { PageQuery } from '../http/page-query';
import { ConsistencyQuery } from '../http/read-consistency';

const RULE_DESCRIPTION =
  'A rule tree: { "all": [rule...] }, { "any": [rule...] }, { "not": rule } or a condition { "fact", "op", "value" }. ' +
  'Facts and operators: docs/read-models.md#segments. The rule is checked as a whole; an error names the path, e.g. rule.all[1].value.';

const RULE_EXAMPLE = {
  all: [
    { fact: 'lifecycleStage', op: 'eq', value: 'customer' },
    { fact: 'daysSinceLastInteraction', op: 'gte', value: 30 },
  ],
};

/** The tree's shape is checked by the domain (segmentRule), which names the exact path of a mistake. */
const RuleField =
  ({ optional }: { optional: boolean }) =>
  (target: object, property: string) => {
    (optional ? ApiPropertyOptional : ApiProperty)({
      type: 'object',
      additionalProperties: true,
      description: RULE_DESCRIPTION,
      example: RULE_EXAMPLE,
    })(target, property);
    (optional ? IsOptional() : IsDefined())(target, property);
    IsObject()(target, property);
  };

export class DefineSegmentBody {
  @RecordIdField({ optional: true, description: 'Client-chosen id; generated when absent' })
  id?: string;

  @RequiredText(100, 'Segment name', 'Lapsing customers')
  name!: string;

  @OptionalText(1000, 'What the segment is for')
  description?: string;

  @RuleField({ optional: false })
  rule!: Record<string, unknown>;
}

export class RedefineSegmentBody {
  @TextIfPresent(100, 'New name')
  name?: string;

  @OptionalText(1000, 'New description; null clears it')
  description?: string | null;

  @RuleField({ optional: true })
  rule?: Record<string, unknown>;
}

export class RetireSegmentBody {
  @OptionalText(500, 'Why the segment is retired')
  reason?: string;
}

export class DryRunBody {
  @RuleField({ optional: false })
  rule!: Record<string, unknown>;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, default: 20, description: 'How many matching customers to show' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  sample?: number;
}

export class ListSegmentsQuery extends ConsistencyQuery {
  @ApiPropertyOptional({ enum: ['active', 'retired'] })
  @IsOptional()
  @IsIn(['active', 'retired'])
  status?: 'active' | 'retired';
}

export class SegmentMembersQuery extends PageQuery {
  @ApiPropertyOptional({ default: false, description: 'Include past stays (leftAt set), not only current members' })
  @IsOptional()
  @Type(() => String)
  @IsIn(['true', 'false'])
  history?: 'true' | 'false';
}

export class RefreshSegmentsBody {
  @ApiPropertyOptional({ default: true, description: 'Recompute RFM scores first' })
  @IsOptional()
  @IsBoolean()
  rfm?: boolean;
}
