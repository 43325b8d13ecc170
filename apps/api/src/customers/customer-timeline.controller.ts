import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, PickType } from '@nestjs/swagger';
import { UnknownRecord } from '@ledgerline/application';
import { AuditTimelineQueries, auditTimelineProjection, ReadModelFreshness } from '@ledgerline/projections';
import { ReadErrors } from '../http/api-docs';
import { readConsistently, ReadModelPosition, type PositionHeader } from '../http/read-consistency';
import { RecordId } from '../http/record-id';
import { ListCustomersQuery } from './customer-queries';
import { CAN } from '../auth/role-matrix';
import { Roles } from '../auth/roles.decorator';

const PROJECTION = auditTimelineProjection.name;

/** consistentWith, limit (1–200, 50) and cursor, validated as on the customer list. */
export class CustomerTimelineQuery extends PickType(ListCustomersQuery, ['consistentWith', 'limit', 'cursor'] as const) {}

/** A customer's audit timeline, answered from the audit read model; X-Read-Model-Position says how fresh. */
@ApiTags('customers')
@Roles(...CAN.readHistory)
@Controller('v1/customers')
export class CustomerTimelineController {
  constructor(
    private readonly timeline: AuditTimelineQueries,
    private readonly freshness: ReadModelFreshness,
  ) {}

  @Get(':id/timeline')
  @ReadErrors()
  @ApiOperation({
    summary: "The customer's events and those of its deals and interactions, newest first, with who, when and a change summary",
  })
  @ApiOkResponse({
    description:
      '{ items: [{ position, eventId, type, record: { kind, id }, revision, occurredAt, recordedAt, actor, correlationId, ' +
      'causationId, source, summary, changes }], nextCursor }',
  })
  async get(@RecordId() id: string, @Query() query: CustomerTimelineQuery, @ReadModelPosition() position: PositionHeader) {
    const { consistentWith, limit = 50, cursor } = query;
    position.set(await readConsistently(this.freshness, PROJECTION, consistentWith === undefined ? undefined : BigInt(consistentWith)));
    const page = await this.timeline.customerTimeline(id, limit, cursor);
    if (!page) throw new UnknownRecord('customer', id);
    return page;
  }
}
