import { Body, Controller, Get } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ExecutePipelineCommand, PipelineDirectory, RecordReader, stamp, newRecordId, type CommandContext } from '@ledgerline/application';
import type { PipelineCommand } from '@ledgerline/domain';
import { RecordId } from '../http/record-id';
import { CommandErrors, ReadErrors } from '../http/api-docs';
import { CommandRoute } from '../http/command-route';
import { answer } from '../http/record-reference';
import { RecordRead } from '../http/record-read';
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

  @CommandErrors()
  @CommandRoute({
    method: 'POST',
    roles: CAN.administer,
    summary: 'Define a pipeline: a name and ordered stages with default win probabilities',
    creates: true,
  })
  async define(@Body() body: DefinePipelineBody, @Ctx() context: CommandContext) {
    const { id = newRecordId('pipeline', context), name, stages } = body;
    const command = stamp<PipelineCommand>({ type: 'DefinePipeline', data: { pipelineId: id, name, stages } }, context);
    const outcome = await this.commands.execute(new ExecutePipelineCommand(command, context));
    this.directory.remember(id);
    return answer(id, outcome);
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

  @RecordRead('pipeline', { summary: 'One pipeline; ETag is its revision' })
  @ReadErrors()
  get(@RecordId() id: string) {
    return this.reader.current('pipeline', id);
  }
}
