import { Body, Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ExecuteInteractionCommand, newRecordId, type CommandContext, type InteractionRequest } from '@ledgerline/application';
import { RecordId } from '../http/record-id';
import { CommandErrors, ConditionalWrite } from '../http/api-docs';
import { CommandRoute } from '../http/command-route';
import { answer } from '../http/record-reference';
import { Ctx } from '../http/request-context';
import { AmendInteractionBody, DeleteInteractionBody, LogInteractionBody } from './interaction.bodies';
import { CAN } from '../auth/role-matrix';
import { Roles } from '../auth/roles.decorator';

@ApiTags('interactions')
@Roles(...CAN.writeRecords)
@Controller('v1/interactions')
@CommandErrors()
@ConditionalWrite()
export class InteractionsController {
  constructor(private readonly commands: CommandBus) {}

  private async run(interactionId: string, request: InteractionRequest, context: CommandContext) {
    return answer(interactionId, await this.commands.execute(new ExecuteInteractionCommand(request, context)));
  }

  @CommandRoute({ method: 'POST', summary: 'Log an interaction with a customer (and optionally one of its deals)', creates: true })
  async log(@Body() body: LogInteractionBody, @Ctx() context: CommandContext) {
    const { id = newRecordId('interaction', context), ...data } = body;
    const outcome = await this.commands.execute(
      new ExecuteInteractionCommand({ type: 'LogInteraction', data: { ...data, interactionId: id } }, context),
    );
    return answer(id, outcome);
  }

  @CommandRoute({ method: 'PATCH', path: ':id', summary: 'Amend an interaction; only the fields sent change' })
  amend(@RecordId() id: string, @Body() body: AmendInteractionBody, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'AmendInteraction', data: { interactionId: id, ...body } }, context);
  }

  @CommandRoute({ method: 'DELETE', path: ':id', summary: 'Delete an interaction (recorded as an event; history keeps it)' })
  remove(@RecordId() id: string, @Body() body: DeleteInteractionBody, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'DeleteInteraction', data: { interactionId: id, ...body } }, context);
  }
}
