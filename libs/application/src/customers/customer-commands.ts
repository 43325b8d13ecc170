import { CommandHandler } from '@nestjs/cqrs';
import { customerDecider, type CustomerCommand, type CustomerEvent, type CustomerState } from '@ledgerline/domain';
import { DeciderRunner } from '../decider-runner';
import { RecordCommand, RecordCommandHandler } from '../records/record-command';
import { streamIds } from '../records/stream-ids';
import { ExternalReferenceIndex } from './external-reference-index';

export class ExecuteCustomerCommand extends RecordCommand<CustomerCommand, CustomerState> {}

@CommandHandler(ExecuteCustomerCommand)
export class ExecuteCustomerCommandHandler extends RecordCommandHandler<CustomerCommand, CustomerEvent, CustomerState> {
  constructor(runner: DeciderRunner, index: ExternalReferenceIndex) {
    super(runner, customerDecider, (command) => streamIds.customer(command.data.customerId), index.guard);
  }
}
