import { Body, Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ExecuteSegmentCommand, newRecordId, stamp, type CommandContext, type Unstamped } from '@ledgerline/application';
import type { SegmentCommand } from '@ledgerline/domain';
import { CommandErrors, ConditionalWrite } from '../http/api-docs';
import { RecordId } from '../http/record-id';
import { CommandRoute } from '../http/command-route';
import { answer } from '../http/record-reference';
import { Ctx } from '../http/request-context';
import { DefineSegmentBody, RedefineSegmentBody, RetireSegmentBody } from './segment.bodies';
import { CAN } from '../auth/role-matrix';
import { Roles } from '../auth/roles.decorator';

/** Segment definitions are records: defined, redefined and retired through commands, like customers. */
@ApiTags('segments')
@Roles(...CAN.defineSegments)
@Controller('v1/segments')
@CommandErrors()
@ConditionalWrite()
export class SegmentsController {
  constructor(private readonly commands: CommandBus) {}

  private execute(command: Unstamped<SegmentCommand>, context: CommandContext) {
    return this.commands.execute(new ExecuteSegmentCommand(stamp(command, context), context));
  }

  @CommandRoute({
    method: 'POST',
    summary: 'Define a segment: a name and a rule tree over customer facts; members are kept up to date from then on',
    creates: true,
  })
  async define(@Body() body: DefineSegmentBody, @Ctx() context: CommandContext) {
    const { id = newRecordId('segment', context), ...data } = body;
    const outcome = await this.execute({ type: 'DefineSegment', data: { segmentId: id, ...data } }, context);
    return answer(id, outcome);
  }

  @CommandRoute({
    method: 'PATCH',
    path: ':id',
    summary: 'Change the name, description or rule; a new rule moves members in and out from now on',
  })
  async redefine(@RecordId() id: string, @Body() body: RedefineSegmentBody, @Ctx() context: CommandContext) {
    return answer(id, await this.execute({ type: 'RedefineSegment', data: { segmentId: id, ...body } }, context));
  }

  @CommandRoute({
    method: 'POST',
    path: ':id/retire',
    summary: 'Retire the segment: every member leaves; its definition and membership history stay readable',
  })
  async retire(@RecordId() id: string, @Body() body: RetireSegmentBody, @Ctx() context: CommandContext) {
    return answer(id, await this.execute({ type: 'RetireSegment', data: { segmentId: id, ...body } }, context));
  }
}
