import { Body, Controller, Delete, HttpCode, Param, Patch, Post, Put, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ExecuteCustomerCommand, stamp, newRecordId, type CommandContext, type Unstamped } from '@ledgerline/application';
import type { CustomerCommand } from '@ledgerline/domain';
import { RecordId } from '../http/record-id';
import { CommandErrors, ConditionalWrite, IdempotentPost } from '../http/api-docs';
import { answer, RecordReference } from '../http/record-reference';
import { RecordReferenceHeaders } from '../http/record-headers';
import { Ctx } from '../http/request-context';
import {
  ArchiveCustomerBody,
  AssignOwnerBody,
  ChangeLifecycleBody,
  LinkExternalReferenceBody,
  RecordPurchaseBody,
  RegisterCustomerBody,
  TagsBody,
  UpdateCustomerProfileBody,
} from './customer.bodies';
import { CAN } from '../auth/role-matrix';
import { Roles } from '../auth/roles.decorator';

@ApiTags('customers')
@Controller('v1/customers')
@CommandErrors()
@ConditionalWrite()
@UseInterceptors(RecordReferenceHeaders)
export class CustomersController {
  constructor(private readonly commands: CommandBus) {}

  private async run(customerId: string, command: Unstamped<CustomerCommand>, context: CommandContext) {
    const outcome = await this.commands.execute(new ExecuteCustomerCommand(stamp(command, context), context));
    return answer(customerId, outcome);
  }

  @Post()
  @Roles(...CAN.writeRecords)
  @IdempotentPost()
  @ApiOperation({ summary: 'Register a customer (company or person)' })
  @ApiCreatedResponse({ type: RecordReference })
  async register(@Body() body: RegisterCustomerBody, @Ctx() context: CommandContext) {
    const { id = newRecordId('customer', context), ...data } = body;
    const command = stamp<CustomerCommand>({ type: 'RegisterCustomer', data: { customerId: id, ...data } }, context);
    const outcome = await this.commands.execute(new ExecuteCustomerCommand(command, context));
    return answer(id, outcome);
  }

  @Patch(':id')
  @Roles(...CAN.writeRecords)
  @ApiOperation({ summary: 'Update profile fields; only the fields sent change, null clears one' })
  @ApiOkResponse({ type: RecordReference })
  update(@RecordId() id: string, @Body() body: UpdateCustomerProfileBody, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'UpdateCustomerProfile', data: { customerId: id, ...body } }, context);
  }

  @Post(':id/lifecycle')
  @Roles(...CAN.writeRecords)
  @HttpCode(200)
  @IdempotentPost()
  @ApiOperation({ summary: 'Move the customer to another lifecycle stage' })
  @ApiOkResponse({ type: RecordReference })
  changeLifecycle(@RecordId() id: string, @Body() body: ChangeLifecycleBody, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'ChangeLifecycleStage', data: { customerId: id, lifecycleStage: body.lifecycleStage } }, context);
  }

  @Post(':id/owner')
  @Roles(...CAN.writeRecords)
  @HttpCode(200)
  @IdempotentPost()
  @ApiOperation({ summary: 'Assign the owning sales person' })
  @ApiOkResponse({ type: RecordReference })
  assignOwner(@RecordId() id: string, @Body() body: AssignOwnerBody, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'AssignCustomerOwner', data: { customerId: id, owner: body.owner } }, context);
  }

  @Post(':id/tags')
  @Roles(...CAN.writeRecords)
  @HttpCode(200)
  @IdempotentPost()
  @ApiOperation({ summary: 'Add tags (tags already present are ignored)' })
  @ApiOkResponse({ type: RecordReference })
  addTags(@RecordId() id: string, @Body() body: TagsBody, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'AddCustomerTags', data: { customerId: id, tags: body.tags } }, context);
  }

  @Delete(':id/tags/:tag')
  @Roles(...CAN.writeRecords)
  @ApiOperation({ summary: 'Remove a tag (absent tags are ignored)' })
  @ApiOkResponse({ type: RecordReference })
  removeTag(@RecordId() id: string, @Param('tag') tag: string, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'RemoveCustomerTags', data: { customerId: id, tags: [tag] } }, context);
  }

  @Put(':id/external-refs/:system')
  @Roles(...CAN.writeIntegrationFacts)
  @ApiOperation({ summary: "Link the customer's id in another system (erp, billing...); replaces a previous one" })
  @ApiOkResponse({ type: RecordReference })
  linkExternalReference(
    @RecordId() id: string,
    @Param('system') system: string,
    @Body() body: LinkExternalReferenceBody,
    @Ctx() context: CommandContext,
  ) {
    return this.run(id, { type: 'LinkExternalReference', data: { customerId: id, system, externalId: body.externalId } }, context);
  }

  @Delete(':id/external-refs/:system')
  @Roles(...CAN.writeIntegrationFacts)
  @ApiOperation({ summary: "Unlink the customer's id in another system" })
  @ApiOkResponse({ type: RecordReference })
  unlinkExternalReference(@RecordId() id: string, @Param('system') system: string, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'UnlinkExternalReference', data: { customerId: id, system } }, context);
  }

  @Post(':id/purchases')
  @Roles(...CAN.writeIntegrationFacts)
  @HttpCode(200)
  @IdempotentPost()
  @ApiOperation({ summary: 'Record a purchase; a repeated order id changes nothing' })
  @ApiOkResponse({ type: RecordReference })
  recordPurchase(@RecordId() id: string, @Body() body: RecordPurchaseBody, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'RecordPurchase', data: { customerId: id, ...body } }, context);
  }

  @Post(':id/archive')
  @Roles(...CAN.writeRecords)
  @HttpCode(200)
  @IdempotentPost()
  @ApiOperation({ summary: 'Archive the customer: it accepts nothing but reads afterwards' })
  @ApiOkResponse({ type: RecordReference })
  archive(@RecordId() id: string, @Body() body: ArchiveCustomerBody, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'ArchiveCustomer', data: { customerId: id, ...body } }, context);
  }
}
