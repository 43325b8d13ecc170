import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { dealDecider, type DealCommand, type DealState, type OpenDeal } from '@ledgerline/domain';
import type { CommandContext } from '../command-context';
import { DeciderRunner, type CommandOutcome } from '../decider-runner';
import { Snapshots } from '../records/snapshots';
import { stamp, type Unstamped } from '../records/stamp';
import { streamIds } from '../records/stream-ids';
import type { WithoutSnapshots } from '../records/without-snapshots';

/** Without a stage, a deal opens in its pipeline's first stage. */
type OpenDealRequest = { type: 'OpenDeal'; data: Omit<OpenDeal['data'], 'customer' | 'pipeline' | 'stageId'> & { stageId?: string } };

/** A deal command as a client states it; the handler adds what it must know of the customer and pipeline. */
export type DealRequest = OpenDealRequest | WithoutSnapshots<Unstamped<Exclude<DealCommand, OpenDeal>>>;

export class ExecuteDealCommand extends Command<CommandOutcome<DealState>> {
  constructor(
    /** Several requests are applied together, all or nothing (e.g. a PATCH changing title and amount). */
    readonly requests: DealRequest | readonly DealRequest[],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ExecuteDealCommand)
export class ExecuteDealCommandHandler implements ICommandHandler<ExecuteDealCommand> {
  constructor(
    private readonly runner: DeciderRunner,
    private readonly snapshots: Snapshots,
  ) {}

  async execute({ requests, context }: ExecuteDealCommand): Promise<CommandOutcome<DealState>> {
    const list: readonly DealRequest[] = Array.isArray(requests) ? requests : [requests];
    const commands = await Promise.all(list.map(async (request) => stamp<DealCommand>(await this.withSnapshots(request), context)));
    return this.runner.execute(dealDecider, streamIds.deal(list[0].data.dealId), commands, context);
  }

  private async withSnapshots(request: DealRequest): Promise<Unstamped<DealCommand>> {
    switch (request.type) {
      case 'OpenDeal': {
        const [customer, pipeline] = await Promise.all([
          this.snapshots.customer(request.data.customerId),
          this.snapshots.pipeline(request.data.pipelineId),
        ]);
        const stageId = request.data.stageId ?? pipeline?.stages[0]?.id ?? '';
        return { type: 'OpenDeal', data: { ...request.data, stageId, customer, pipeline } };
      }
      case 'ChangeDealStage':
        return { type: 'ChangeDealStage', data: { ...request.data, pipeline: await this.snapshots.pipelineOfDeal(request.data.dealId) } };
      case 'ReopenDeal': {
        const { dealId, stageId } = request.data;
        return stageId === undefined
          ? { type: 'ReopenDeal', data: { dealId } }
          : { type: 'ReopenDeal', data: { dealId, stageId, pipeline: await this.snapshots.pipelineOfDeal(dealId) } };
      }
      default:
        return request;
    }
  }
}
