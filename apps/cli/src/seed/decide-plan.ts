import { streamIds } from '@ledgerline/application';
import {
  customerDecider,
  customerSnapshot,
  DEFAULT_PIPELINE,
  dealDecider,
  dealSnapshot,
  interactionDecider,
  type Command,
  type CustomerCommand,
  type DealCommand,
  type Decider,
  type Event,
  type InteractionCommand,
  type PipelineSnapshot,
} from '@ledgerline/domain';
import type { SeedStep } from './demo-plan';

export type DecidedStep = Readonly<{ step: SeedStep; streamId: string; events: readonly Event[] }>;

const PIPELINE: PipelineSnapshot = { id: DEFAULT_PIPELINE.pipelineId, stages: DEFAULT_PIPELINE.stages };

/** Decides and folds each command against the states in `states`; throws what the decider throws. */
function decideOn<C extends Command, E extends Event, S>(decider: Decider<C, E, S>, states: Map<string, S>, streamId: string, command: C) {
  const state = states.get(streamId) ?? decider.initialState();
  const events = decider.decide(command, state);
  states.set(streamId, events.reduce(decider.evolve, state));
  return events;
}

/**
 * Runs a plan through the deciders in memory, in order, adding what the command handlers would read of other
 * records (customer, pipeline and deal snapshots): the events the command side would append, without a store.
 */
export function* decidePlan(steps: Iterable<SeedStep>): Generator<DecidedStep> {
  const customers = new Map<string, ReturnType<typeof customerDecider.initialState>>();
  const deals = new Map<string, ReturnType<typeof dealDecider.initialState>>();
  const interactions = new Map<string, ReturnType<typeof interactionDecider.initialState>>();
  const customer = (customerId: string) =>
    customerSnapshot(customers.get(streamIds.customer(customerId)) ?? customerDecider.initialState());
  for (const step of steps) {
    const metadata = { now: step.now };
    switch (step.kind) {
      case 'customer': {
        const command = { ...step.command, metadata } as CustomerCommand;
        const streamId = streamIds.customer(command.data.customerId);
        yield { step, streamId, events: decideOn(customerDecider, customers, streamId, command) };
        break;
      }
      case 'deal': {
        const { type, data } = step.command;
        const command = (
          type === 'OpenDeal'
            ? {
                type,
                data: { ...data, stageId: data.stageId ?? PIPELINE.stages[0].id, customer: customer(data.customerId), pipeline: PIPELINE },
                metadata,
              }
            : type === 'ChangeDealStage' || (type === 'ReopenDeal' && data.stageId !== undefined)
              ? { type, data: { ...data, pipeline: PIPELINE }, metadata }
              : { type, data, metadata }
        ) as DealCommand;
        const streamId = streamIds.deal(data.dealId);
        yield { step, streamId, events: decideOn(dealDecider, deals, streamId, command) };
        break;
      }
      case 'interaction': {
        const { type, data } = step.command;
        let command = { type, data, metadata } as InteractionCommand;
        if (step.command.type === 'LogInteraction') {
          const logged = step.command.data;
          const deal =
            logged.dealId === undefined
              ? {}
              : { deal: dealSnapshot(deals.get(streamIds.deal(logged.dealId)) ?? dealDecider.initialState()) };
          command = {
            type: 'LogInteraction',
            data: { ...logged, customer: customer(logged.customerId), ...deal },
            metadata,
          } as InteractionCommand;
        }
        const streamId = streamIds.interaction(data.interactionId);
        yield { step, streamId, events: decideOn(interactionDecider, interactions, streamId, command) };
        break;
      }
    }
  }
}
