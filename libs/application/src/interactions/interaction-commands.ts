import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { interactionDecider, type InteractionCommand, type InteractionState } from '@ledgerline/domain';
import type { CommandContext } from '../command-context';
import { DeciderRunner, type CommandOutcome } from '../decider-runner';
import { Snapshots } from '../records/snapshots';
import { stamp, type Unstamped } from '../records/stamp';
import { streamIds } from '../records/stream-ids';
import type { WithoutSnapshots } from '../records/without-snapshots';

/** An interaction command as a client states it; the handler adds what it must know of the customer and deal. */
export type InteractionRequest = WithoutSnapshots<Unstamped<InteractionCommand>>;

export class ExecuteInteractionCommand extends Command<CommandOutcome<InteractionState>> {
  constructor(
    readonly request: InteractionRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ExecuteInteractionCommand)
export class ExecuteInteractionCommandHandler implements ICommandHandler<ExecuteInteractionCommand> {
  constructor(
    private readonly runner: DeciderRunner,
    private readonly snapshots: Snapshots,
  ) {}

  async execute({ request, context }: ExecuteInteractionCommand): Promise<CommandOutcome<InteractionState>> {
    const command = stamp<InteractionCommand>(await this.withSnapshots(request), context);
    return this.runner.execute(interactionDecider, streamIds.interaction(command.data.interactionId), command, context);
  }

  private async withSnapshots(request: InteractionRequest): Promise<Unstamped<InteractionCommand>> {
    if (request.type !== 'LogInteraction') return request;
    const { dealId, ...data } = request.data;
    const customer = await this.snapshots.customer(data.customerId);
    return dealId === undefined
      ? { type: 'LogInteraction', data: { ...data, customer } }
      : { type: 'LogInteraction', data: { ...data, customer, dealId, deal: await this.snapshots.deal(dealId) } };
  }
}
