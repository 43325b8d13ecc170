import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import {
  EraseCustomerData,
  ExecuteCustomerCommand,
  stamp,
  newRecordId,
  type CommandContext,
  type Unstamped,
} from '@ledgerline/application';
import { ADDRESS_TYPES, type AddressType, type CustomerCommand, type EraseCustomer } from '@ledgerline/domain';
import { RecordId } from '../http/record-id';
import { CommandErrors, ConditionalWrite } from '../http/api-docs';
import { CommandRoute } from '../http/command-route';
import { answer } from '../http/record-reference';
import { Ctx } from '../http/request-context';
import {
  ArchiveCustomerBody,
  AssignOwnerBody,
  ChangeLifecycleBody,
  EraseCustomerBody,
  LinkExternalReferenceBody,
  PostalAddressBody,
  RegisterCustomerBody,
  TagsBody,
  UpdateCustomerProfileBody,
} from './customer.bodies';
import { RecordPurchaseBody, ReturnPurchaseItemsBody, ReversePurchaseBody } from './purchase.bodies';
import { CAN } from '../auth/role-matrix';

@ApiTags('customers')
@Controller('v1/customers')
@CommandErrors()
@ConditionalWrite()
export class CustomersController {
  constructor(private readonly commands: CommandBus) {}

  private async run(customerId: string, command: Unstamped<CustomerCommand>, context: CommandContext) {
    const outcome = await this.commands.execute(new ExecuteCustomerCommand(stamp(command, context), context));
    return answer(customerId, outcome);
  }

  @CommandRoute({ method: 'POST', roles: CAN.writeRecords, summary: 'Register a customer (company or person)', creates: true })
  async register(@Body() body: RegisterCustomerBody, @Ctx() context: CommandContext) {
    const { id = newRecordId('customer', context), ...data } = body;
    const command = stamp<CustomerCommand>({ type: 'RegisterCustomer', data: { customerId: id, ...data } }, context);
    const outcome = await this.commands.execute(new ExecuteCustomerCommand(command, context));
    return answer(id, outcome);
  }

  @CommandRoute({
    method: 'PATCH',
    path: ':id',
    roles: CAN.writeRecords,
    summary: 'Update profile fields; only the fields sent change, null clears one',
  })
  update(@RecordId() id: string, @Body() body: UpdateCustomerProfileBody, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'UpdateCustomerProfile', data: { customerId: id, ...body } }, context);
  }

  @CommandRoute({ method: 'POST', path: ':id/lifecycle', roles: CAN.writeRecords, summary: 'Move the customer to another lifecycle stage' })
  changeLifecycle(@RecordId() id: string, @Body() body: ChangeLifecycleBody, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'ChangeLifecycleStage', data: { customerId: id, lifecycleStage: body.lifecycleStage } }, context);
  }

  @CommandRoute({ method: 'POST', path: ':id/owner', roles: CAN.writeRecords, summary: 'Assign the owning sales person' })
  assignOwner(@RecordId() id: string, @Body() body: AssignOwnerBody, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'AssignCustomerOwner', data: { customerId: id, owner: body.owner } }, context);
  }

  @CommandRoute({ method: 'POST', path: ':id/tags', roles: CAN.writeRecords, summary: 'Add tags (tags already present are ignored)' })
  addTags(@RecordId() id: string, @Body() body: TagsBody, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'AddCustomerTags', data: { customerId: id, tags: body.tags } }, context);
  }

  @CommandRoute({ method: 'DELETE', path: ':id/tags/:tag', roles: CAN.writeRecords, summary: 'Remove a tag (absent tags are ignored)' })
  removeTag(@RecordId() id: string, @Param('tag') tag: string, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'RemoveCustomerTags', data: { customerId: id, tags: [tag] } }, context);
  }

  @CommandRoute({
    method: 'PUT',
    path: ':id/external-refs/:system',
    roles: CAN.writeIntegrationFacts,
    summary: "Link the customer's id in another system (erp, billing...); replaces a previous one",
  })
  linkExternalReference(
    @RecordId() id: string,
    @Param('system') system: string,
    @Body() body: LinkExternalReferenceBody,
    @Ctx() context: CommandContext,
  ) {
    return this.run(id, { type: 'LinkExternalReference', data: { customerId: id, system, externalId: body.externalId } }, context);
  }

  @CommandRoute({
    method: 'DELETE',
    path: ':id/external-refs/:system',
    roles: CAN.writeIntegrationFacts,
    summary: "Unlink the customer's id in another system",
  })
  unlinkExternalReference(@RecordId() id: string, @Param('system') system: string, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'UnlinkExternalReference', data: { customerId: id, system } }, context);
  }

  @CommandRoute({
    method: 'PUT',
    path: ':id/addresses/:type',
    roles: CAN.writeRecords,
    summary: 'Set the billing, shipping or visiting address; replaces the one of that type',
  })
  @ApiParam({ name: 'type', enum: ADDRESS_TYPES })
  setAddress(@RecordId() id: string, @Param('type') type: AddressType, @Body() body: PostalAddressBody, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'SetCustomerAddress', data: { customerId: id, addressType: type, address: body } }, context);
  }

  @CommandRoute({ method: 'DELETE', path: ':id/addresses/:type', roles: CAN.writeRecords, summary: 'Remove the address of that type' })
  @ApiParam({ name: 'type', enum: ADDRESS_TYPES })
  removeAddress(@RecordId() id: string, @Param('type') type: AddressType, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'RemoveCustomerAddress', data: { customerId: id, addressType: type } }, context);
  }

  @CommandRoute({
    method: 'POST',
    path: ':id/purchases',
    roles: CAN.writeIntegrationFacts,
    summary: 'Record a purchase; a repeated order id changes nothing',
  })
  recordPurchase(@RecordId() id: string, @Body() body: RecordPurchaseBody, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'RecordPurchase', data: { customerId: id, ...body } }, context);
  }

  @CommandRoute({
    method: 'POST',
    path: ':id/purchases/:orderId/returns',
    roles: CAN.writeIntegrationFacts,
    summary: "Return part of a purchase's items (a credit note); a repeated return id changes nothing",
  })
  returnPurchaseItems(
    @RecordId() id: string,
    @Param('orderId') orderId: string,
    @Body() body: ReturnPurchaseItemsBody,
    @Ctx() context: CommandContext,
  ) {
    return this.run(id, { type: 'ReturnPurchaseItems', data: { customerId: id, orderId, ...body } }, context);
  }

  @CommandRoute({
    method: 'POST',
    path: ':id/purchases/:orderId/reverse',
    roles: CAN.writeIntegrationFacts,
    summary: 'Take a purchase back in full (its invoice voided); reversing it again changes nothing',
  })
  reversePurchase(
    @RecordId() id: string,
    @Param('orderId') orderId: string,
    @Body() body: ReversePurchaseBody,
    @Ctx() context: CommandContext,
  ) {
    return this.run(id, { type: 'ReversePurchase', data: { customerId: id, orderId, ...body } }, context);
  }

  @CommandRoute({
    method: 'POST',
    path: ':id/archive',
    roles: CAN.writeRecords,
    summary: 'Archive the customer: it accepts nothing but reads afterwards',
  })
  archive(@RecordId() id: string, @Body() body: ArchiveCustomerBody, @Ctx() context: CommandContext) {
    return this.run(id, { type: 'ArchiveCustomer', data: { customerId: id, ...body } }, context);
  }

  @CommandRoute({
    method: 'POST',
    path: ':id/erase',
    roles: CAN.erasePersonalData,
    summary: "Erase the customer's personal data (GDPR Art. 17): irreversible; the record and the fact of the erasure stay",
  })
  async erase(@RecordId() id: string, @Body() body: EraseCustomerBody, @Ctx() context: CommandContext) {
    const command = stamp<EraseCustomer>({ type: 'EraseCustomer', data: { customerId: id, ...body } }, context);
    return answer(id, await this.commands.execute(new EraseCustomerData(command, context)));
  }
}
