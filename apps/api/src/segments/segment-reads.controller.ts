import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UnknownRecord } from '@ledgerline/application';
import { customersProjection, ReadModelFreshness, SegmentQueries } from '@ledgerline/projections';
import { ReadErrors } from '../http/api-docs';
import { ConsistencyQuery, readConsistently, ReadModelPosition, type PositionHeader } from '../http/read-consistency';
import { AnswersRecord } from '../http/record-as-of';
import { RecordId } from '../http/record-id';
import { DryRunBody, ListSegmentsQuery, SegmentMembersQuery } from './segment.bodies';
import { CAN } from '../auth/role-matrix';
import { Roles } from '../auth/roles.decorator';

/** Segments keep their members in the customers read model (same facts, same transaction). */
const PROJECTION = customersProjection.name;

/** Segment reads from the read model (X-Read-Model-Position says how fresh), and dry runs. */
@ApiTags('segments')
@Controller('v1/segments')
export class SegmentReadsController {
  constructor(
    private readonly segments: SegmentQueries,
    private readonly freshness: ReadModelFreshness,
  ) {}

  @Get()
  @Roles(...CAN.read)
  @ApiOperation({ summary: 'Every segment with its rule and current member count, in order of definition' })
  @ApiOkResponse({ description: '{ items: [segment] }' })
  async list(@Query() { consistentWith, status }: ListSegmentsQuery, @ReadModelPosition() position: PositionHeader) {
    await this.consistent(consistentWith, position);
    return { items: await this.segments.list(status) };
  }

  @Post('dry-run')
  @Roles(...CAN.read)
  @HttpCode(200)
  @ApiOperation({ summary: 'Check a rule and see whom it selects now, without saving anything' })
  @ApiOkResponse({ description: '{ rule (normalised), asOf, matching, sample: [{ customerId, name }] }' })
  dryRun(@Body() { rule, sample = 20 }: DryRunBody) {
    return this.segments.dryRun(rule, sample);
  }

  @Get(':id')
  @Roles(...CAN.read)
  @ReadErrors()
  @ApiOperation({ summary: 'One segment: definition, status and current member count; ETag is its revision' })
  @AnswersRecord('segment')
  async get(@RecordId() id: string, @Query() { consistentWith }: ConsistencyQuery, @ReadModelPosition() position: PositionHeader) {
    await this.consistent(consistentWith, position);
    const segment = await this.segments.get(id);
    if (!segment) throw new UnknownRecord('segment', id);
    return { state: segment, revision: segment.revision };
  }

  @Get(':id/members')
  @Roles(...CAN.read)
  @ReadErrors()
  @ApiOperation({ summary: 'Members in order of entry, in pages (cursor); with history=true, past stays too' })
  @ApiOkResponse({ description: '{ items: [{ customerId, name, lifecycleStage, owner, enteredAt, leftAt }], nextCursor }' })
  async members(
    @RecordId() id: string,
    @Query() { consistentWith, history, limit = 50, cursor }: SegmentMembersQuery,
    @ReadModelPosition() position: PositionHeader,
  ) {
    await this.consistent(consistentWith, position);
    if (!(await this.segments.exists(id))) throw new UnknownRecord('segment', id);
    return this.segments.members(id, { history: history === 'true', limit, cursor });
  }

  private async consistent(consistentWith: string | undefined, position: PositionHeader) {
    position.set(await readConsistently(this.freshness, PROJECTION, consistentWith === undefined ? undefined : BigInt(consistentWith)));
  }
}
