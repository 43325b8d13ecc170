import { CommandHandler } from '@nestjs/cqrs';
import { pipelineDecider, type PipelineCommand, type PipelineEvent, type PipelineState } from '@ledgerline/domain';
import { DeciderRunner } from '../decider-runner';
import { RecordCommand, RecordCommandHandler } from '../records/record-command';
import { streamIds } from '../records/stream-ids';

export class ExecutePipelineCommand extends RecordCommand<PipelineCommand, PipelineState> {}

@CommandHandler(ExecutePipelineCommand)
export class ExecutePipelineCommandHandler extends RecordCommandHandler<PipelineCommand, PipelineEvent, PipelineState> {
  constructor(runner: DeciderRunner) {
    super(runner, pipelineDecider, (command) => streamIds.pipeline(command.data.pipelineId));
  }
}
