import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UnknownRecord } from '@ledgerline/application';
import { DEFAULT_PIPELINE } from '@ledgerline/domain';
import { PipelineQueries, pipelineProjection, ReadModelFreshness } from '@ledgerline/projections';
import { ReadErrors } from '../http/api-docs';
import { readConsistently, ReadModelPosition, type PositionHeader } from '../http/read-consistency';
import { ListDealsQuery, PipelineQuery } from './deal-queries';
import { CAN } from '../auth/role-matrix';
import { Roles } from '../auth/roles.decorator';

const PROJECTION = pipelineProjection.name;

/** Deal lists, the pipeline summary and the forecast, from the pipeline read model; X-Read-Model-Position says how fresh. */
@ApiTags('pipeline')
@Roles(...CAN.read)
@Controller('v1')
export class DealReadsController {
  constructor(
    private readonly pipeline: PipelineQueries,
    private readonly freshness: ReadModelFreshness,
  ) {}

  @Get('deals')
  @ApiOperation({ summary: 'List deals with filters, sorted by opening time or amount, in pages (cursor)' })
  @ApiOkResponse({ description: '{ items: [deal], nextCursor }; amounts are decimal strings' })
  async list(@Query() query: ListDealsQuery, @ReadModelPosition() position: PositionHeader) {
    const { consistentWith, sort = 'openedAt', order = 'asc', limit = 50, cursor, ...filters } = query;
    await this.consistent(consistentWith, position);
    return this.pipeline.listDeals(filters, sort, order === 'desc', limit, cursor);
  }

  @Get('pipeline')
  @ReadErrors()
  @ApiOperation({
    summary: 'Open deals per stage (in pipeline order) and currency: count, total, weighted amount, average age in stage (days)',
  })
  async summary(
    @Query() { consistentWith, pipelineId = DEFAULT_PIPELINE.pipelineId }: PipelineQuery,
    @ReadModelPosition() position: PositionHeader,
  ) {
    return this.ofPipeline(pipelineId, consistentWith, position, (id) => this.pipeline.summary(id));
  }

  @Get('pipeline/forecast')
  @ReadErrors()
  @ApiOperation({
    summary: "Open deals by expected close month and currency: total, weighted, best case (the pipeline's two latest stages)",
  })
  async forecast(
    @Query() { consistentWith, pipelineId = DEFAULT_PIPELINE.pipelineId }: PipelineQuery,
    @ReadModelPosition() position: PositionHeader,
  ) {
    return this.ofPipeline(pipelineId, consistentWith, position, (id) => this.pipeline.forecast(id));
  }

  /** A read about one pipeline: 404 when the read model knows neither its stages nor any of its deals. */
  private async ofPipeline<Answer>(
    pipelineId: string,
    consistentWith: string | undefined,
    position: PositionHeader,
    read: (pipelineId: string) => Promise<Answer | undefined>,
  ): Promise<Answer> {
    await this.consistent(consistentWith, position);
    const answer = await read(pipelineId);
    if (answer === undefined) throw new UnknownRecord('pipeline', pipelineId);
    return answer;
  }

  private async consistent(consistentWith: string | undefined, position: PositionHeader) {
    position.set(await readConsistently(this.freshness, PROJECTION, consistentWith === undefined ? undefined : BigInt(consistentWith)));
  }
}
