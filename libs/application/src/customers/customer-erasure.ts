import { Command as CqrsCommand, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { customerDecider, type CustomerEvent, type CustomerState, type EraseCustomer } from '@ledgerline/domain';
import { Keyring } from '@ledgerline/privacy';
import type { CommandContext } from '../command-context';
import { DeciderRunner, type AppendGuard, type CommandOutcome } from '../decider-runner';
import { streamIds } from '../records/stream-ids';

/** GDPR erasure of one customer (docs/audit.md, "Erasure"): its key is destroyed, then the fact is appended. */
export class EraseCustomerData extends CqrsCommand<CommandOutcome<CustomerState>> {
  constructor(
    readonly command: EraseCustomer,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(EraseCustomerData)
export class EraseCustomerDataHandler implements ICommandHandler<EraseCustomerData> {
  constructor(
    private readonly runner: DeciderRunner,
    private readonly keyring: Keyring,
  ) {}

  async execute({ command, context }: EraseCustomerData): Promise<CommandOutcome<CustomerState>> {
    const { customerId } = command.data;
    // The key goes first: should the append then fail, the data is erased already and a retry records the fact;
    // the other order could leave a recorded erasure whose data still reads.
    const destroyKeyFirst: AppendGuard<CustomerEvent> = {
      beforeAppend: async () => void (await this.keyring.destroy(customerId)),
      afterAppend: async () => undefined,
    };
    const outcome = await this.runner.execute(customerDecider, streamIds.customer(customerId), command, context, destroyKeyFirst);
    // Erased before: nothing is appended, but the key is destroyed again, should a restored backup have brought it back.
    if (outcome.appended === 0) await this.keyring.destroy(customerId);
    return outcome;
  }
}
