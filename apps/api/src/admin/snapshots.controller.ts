import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@ledgerline/application';
import { ReportSnapshots, type SnapshotView } from '@ledgerline/projections';
import { IsString } from 'class-validator';
import type { Response } from 'express';
import { CAN } from '../auth/role-matrix';
import { Roles } from '../auth/roles.decorator';
import { CommandErrors, ReadErrors } from '../http/api-docs';
import { Instant } from '../http/field-rules';
import { Ctx } from '../http/request-context';

export class CreateSnapshotBody {
  @ApiProperty({ example: 'q3-close', description: '1 to 40 lower-case letters, digits, - or _; the schema is snapshot_<name> (- as _)' })
  @IsString()
  name!: string;

  @Instant(true, 'The instant the read models are rebuilt as of: every event recorded up to it, none after')
  asOf!: string;
}

/** Report snapshots: the read models as they stood at an instant, for analysts in schema snapshot_<name>. docs/read-models.md. */
@ApiTags('admin')
@Controller('v1/admin/snapshots')
export class SnapshotsController {
  constructor(private readonly snapshots: ReportSnapshots) {}

  @Post()
  @HttpCode(202)
  @Roles(...CAN.administer)
  @CommandErrors()
  @ApiOperation({ summary: 'Rebuild every read model as of an instant into its own schema, as a job; 409 for a name that exists' })
  @ApiAcceptedResponse({ description: 'The job: poll its Location for progress (events read, applied, total)' })
  async create(@Body() body: CreateSnapshotBody, @Ctx() context: CommandContext, @Res({ passthrough: true }) response: Response) {
    const job = await this.snapshots.start(body.name, new Date(body.asOf), context.actor);
    response.setHeader('Location', `/v1/admin/snapshots/${job.name}`);
    return job;
  }

  @Get()
  @Roles(...CAN.read)
  @ApiOperation({ summary: 'The report snapshots, oldest instant first, with their status and counts' })
  @ApiOkResponse({ description: '{ items: [{ name, schema, asOf, through, status, eventsRead, eventsApplied, eventsTotal, ... }] }' })
  async list(): Promise<{ items: SnapshotView[] }> {
    return { items: await this.snapshots.list() };
  }

  @Get(':name')
  @Roles(...CAN.read)
  @ReadErrors()
  @ApiOperation({ summary: 'One snapshot and its job: building (with counts), ready, failed (with the error) or interrupted' })
  async get(@Param('name') name: string): Promise<SnapshotView> {
    return this.snapshots.get(name);
  }

  @Delete(':name')
  @HttpCode(204)
  @Roles(...CAN.administer)
  @ReadErrors()
  @ApiOperation({ summary: 'Drop a snapshot and its schemas' })
  @ApiNoContentResponse({ description: 'Dropped' })
  async drop(@Param('name') name: string): Promise<void> {
    await this.snapshots.drop(name);
  }
}
