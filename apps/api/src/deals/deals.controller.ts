import { Body, Controller, HttpCode, Patch, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ExecuteDealCommand, newRecordId, type CommandContext, type DealRequest } from '@ledgerline/application';
import { DEFAULT_PIPELINE } from '@ledgerline/domain';
import { RecordId } from '../http/record-id';
import { CommandErrors, ConditionalWrite, IdempotentPost } from '../http/api-docs';
import { answer, RecordReference } from '../http/record-reference';
import { RecordReferenceHeaders } from '../http/record-headers';
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
@UseInterceptors(RecordReferenceHeaders)
export class DealsController {
  constructor(private readonly commands: CommandBus) {}

  private async run(dealId: string, requests: DealRequest | DealRequest[], context: CommandContext) {
    return answer(dealId, await this.commands.execute(new ExecuteDealCommand(requests, context)));
  }

  @Post()
  @IdempotentPost()
  @ApiOperation({ summary: 'Open a deal with a customer in a pipeline stage' })
  @ApiCreatedResponse({ type: RecordReference })
  async open(@Body() body: OpenDealBody, @Ctx() context: CommandContext) {
    const { id = newRecordId('deal', context), pipelineId = DEFAULT_PIPELINE.pipelineId, ...data } = body;
    const request: DealRequest = { type: 'OpenDeal', data: { ...data, dealId: id, pipelineId } };
    const outcome = await this.commands.execute(new ExecuteDealCommand(request, context));
    return answer(id, outcome);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change title, amount (with currency) or expected close date, all at once' })
  @ApiOkResponse({ type: RecordReference })
  update(@RecordId() id: string, @Body() body: UpdateDealBody, @Ctx() context: CommandContext) {
    return this.run(id, updateRequests(id, body), context);
  }

  @Post(':id/stage')
  @HttpCode(200)
  @IdempotentPost()
  @ApiOperation({ summary: 'Move an open deal to another stage of its pipeline' })
  @ApiOkResponse({ type: RecordReference })
  changeStage(@RecordId() id: string, @Body() body: ChangeStageBody, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'ChangeDealStage', data: { dealId: id, stageId: body.stageId } }, context);
  }

  @Post(':id/win')
  @HttpCode(200)
  @IdempotentPost()
  @ApiOperation({ summary: 'Mark the deal won' })
  @ApiOkResponse({ type: RecordReference })
  win(@RecordId() id: string, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'WinDeal', data: { dealId: id } }, context);
  }

  @Post(':id/lose')
  @HttpCode(200)
  @IdempotentPost()
  @ApiOperation({ summary: 'Mark the deal lost, with the reason' })
  @ApiOkResponse({ type: RecordReference })
  lose(@RecordId() id: string, @Body() body: LoseDealBody, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'LoseDeal', data: { dealId: id, reason: body.reason } }, context);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @IdempotentPost()
  @ApiOperation({ summary: 'Reopen a won or lost deal, into the stage it was closed in or another' })
  @ApiOkResponse({ type: RecordReference })
  reopen(@RecordId() id: string, @Body() body: ReopenDealBody, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'ReopenDeal', data: { dealId: id, ...(body.stageId ? { stageId: body.stageId } : {}) } }, context);
  }

  @Post(':id/owner')
  @HttpCode(200)
  @IdempotentPost()
  @ApiOperation({ summary: 'Reassign the deal to another sales person' })
  @ApiOkResponse({ type: RecordReference })
  reassign(@RecordId() id: string, @Body() body: ReassignDealBody, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'ReassignDeal', data: { dealId: id, owner: body.owner } }, context);
  }
}
