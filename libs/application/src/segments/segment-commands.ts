import { CommandHandler } from '@nestjs/cqrs';
import { segmentDecider, type SegmentCommand, type SegmentEvent, type SegmentState } from '@ledgerline/domain';
import { DeciderRunner } from '../decider-runner';
import { RecordCommand, RecordCommandHandler } from '../records/record-command';
import { streamIds } from '../records/stream-ids';

export class ExecuteSegmentCommand extends RecordCommand<SegmentCommand, SegmentState> {}

@CommandHandler(ExecuteSegmentCommand)
export class ExecuteSegmentCommandHandler extends RecordCommandHandler<SegmentCommand, SegmentEvent, SegmentState> {
  constructor(runner: DeciderRunner) {
    super(runner, segmentDecider, (command) => streamIds.segment(command.data.segmentId));
  }
}
