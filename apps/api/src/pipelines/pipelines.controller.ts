import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ExecutePipelineCommand, PipelineDirectory, RecordReader, stamp, newRecordId, type CommandContext } from '@ledgerline/application';
import type { PipelineCommand } from '@ledgerline/domain';
import type { Response } from 'express';
import { RecordId } from '../http/record-id';
import { CommandErrors, IdempotentPost, ReadErrors } from '../http/api-docs';
import { setEtag } from '../http/etag';
import { answerCreated, RecordReference } from '../http/record-reference';
import { Ctx } from '../http/request-context';
import { DefinePipelineBody } from './pipeline.bodies';
import { CAN } from '../auth/role-matrix';
import { Roles } from '../auth/roles.decorator';

@ApiTags('pipelines')
@Controller('v1/pipelines')
export class PipelinesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: RecordReader,
    private readonly directory: PipelineDirectory,
  ) {}

  @Post()
  @Roles(...CAN.administer)
  @IdempotentPost()
  @CommandErrors()
  @ApiOperation({ summary: 'Define a pipeline: a name and ordered stages with default win probabilities' })
  @ApiCreatedResponse({ type: RecordReference })
  async define(@Body() body: DefinePipelineBody, @Ctx() context: CommandContext, @Res({ passthrough: true }) response: Response) {
    const { id = newRecordId('pipeline', context), name, stages } = body;
    const command = stamp<PipelineCommand>({ type: 'DefinePipeline', data: { pipelineId: id, name, stages } }, context);
    const outcome = await this.commands.execute(new ExecutePipelineCommand(command, context));
    this.directory.remember(id);
    return answerCreated(response, `/v1/pipelines/${id}`, id, outcome);
  }

  @Get()
  @Roles(...CAN.read)
  @ApiOperation({ summary: 'Every pipeline, in the order they were defined' })
  @ApiOkResponse({ description: '{ items: [pipeline] }' })
  async list() {
    const ids = await this.directory.list();
    const items = await Promise.all(ids.map(async (id) => (await this.reader.current('pipeline', id)).state));
    return { items };
  }

  @Get(':id')
  @Roles(...CAN.read)
  @ReadErrors()
  @ApiOperation({ summary: 'One pipeline; ETag is its revision' })
  async get(@RecordId() id: string, @Res({ passthrough: true }) response: Response) {
    const { state, revision } = await this.reader.current('pipeline', id);
    setEtag(response, revision);
    return state;
  }
}
