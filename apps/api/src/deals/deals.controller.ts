import { Body, Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ExecuteDealCommand, newRecordId, type CommandContext, type DealRequest } from '@ledgerline/application';
import { DEFAULT_PIPELINE } from '@ledgerline/domain';
import { RecordId } from '../http/record-id';
import { CommandErrors, ConditionalWrite } from '../http/api-docs';
import { CommandRoute } from '../http/command-route';
import { answer } from '../http/record-reference';
import { Ctx } from '../http/request-context';
import { RequestValidationFailed } from '../http/validation';
import { ChangeStageBody, LoseDealBody, OpenDealBody, ReassignDealBody, ReopenDealBody, UpdateDealBody } from './deal.bodies';
import { CAN } from '../auth/role-matrix';
import { Roles } from '../auth/roles.decorator';

function updateRequests(dealId: string, body: UpdateDealBody): DealRequest[] {
  if ((body.amount === undefined) !== (body.currency === undefined)) {
    const [missing, sent] = body.amount === undefined ? ['amount', 'currency'] : ['currency', 'amount'];
    throw new RequestValidationFailed([{ field: missing, messages: [`${missing} must be sent together with ${sent}`] }]);
  }
  const requests: DealRequest[] = [];
  if (body.title !== undefined) requests.push({ type: 'RenameDeal', data: { dealId, title: body.title } });
  if (body.amount !== undefined && body.currency !== undefined) {
    requests.push({ type: 'ChangeDealAmount', data: { dealId, amount: body.amount, currency: body.currency } });
  }
  if (body.expectedCloseDate !== undefined) {
    requests.push({ type: 'ChangeDealExpectedCloseDate', data: { dealId, expectedCloseDate: body.expectedCloseDate } });
  }
  if (requests.length === 0) {
    throw new RequestValidationFailed([
      { field: 'body', messages: ['Send at least one of title, amount with currency, expectedCloseDate'] },
    ]);
  }
  return requests;
}

@ApiTags('deals')
@Roles(...CAN.writeRecords)
@Controller('v1/deals')
@CommandErrors()
@ConditionalWrite()
export class DealsController {
  constructor(private readonly commands: CommandBus) {}

  private async run(dealId: string, requests: DealRequest | DealRequest[], context: CommandContext) {
    return answer(dealId, await this.commands.execute(new ExecuteDealCommand(requests, context)));
  }

  @CommandRoute({ method: 'POST', summary: 'Open a deal with a customer in a pipeline stage', creates: true })
  async open(@Body() body: OpenDealBody, @Ctx() context: CommandContext) {
    const { id = newRecordId('deal', context), pipelineId = DEFAULT_PIPELINE.pipelineId, ...data } = body;
    const request: DealRequest = { type: 'OpenDeal', data: { ...data, dealId: id, pipelineId } };
    const outcome = await this.commands.execute(new ExecuteDealCommand(request, context));
    return answer(id, outcome);
  }

  @CommandRoute({ method: 'PATCH', path: ':id', summary: 'Change title, amount (with currency) or expected close date, all at once' })
  update(@RecordId() id: string, @Body() body: UpdateDealBody, @Ctx() context: CommandContext) {
    return this.run(id, updateRequests(id, body), context);
  }

  @CommandRoute({ method: 'POST', path: ':id/stage', summary: 'Move an open deal to another stage of its pipeline' })
  changeStage(@RecordId() id: string, @Body() body: ChangeStageBody, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'ChangeDealStage', data: { dealId: id, stageId: body.stageId } }, context);
  }

  @CommandRoute({ method: 'POST', path: ':id/win', summary: 'Mark the deal won' })
  win(@RecordId() id: string, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'WinDeal', data: { dealId: id } }, context);
  }

  @CommandRoute({ method: 'POST', path: ':id/lose', summary: 'Mark the deal lost, with the reason' })
  lose(@RecordId() id: string, @Body() body: LoseDealBody, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'LoseDeal', data: { dealId: id, reason: body.reason } }, context);
  }

  @CommandRoute({ method: 'POST', path: ':id/reopen', summary: 'Reopen a won or lost deal, into the stage it was closed in or another' })
  reopen(@RecordId() id: string, @Body() body: ReopenDealBody, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'ReopenDeal', data: { dealId: id, ...(body.stageId ? { stageId: body.stageId } : {}) } }, context);
  }

  @CommandRoute({ method: 'POST', path: ':id/owner', summary: 'Reassign the deal to another sales person' })
  reassign(@RecordId() id: string, @Body() body: ReassignDealBody, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'ReassignDeal', data: { dealId: id, owner: body.owner } }, context);
  }
}
