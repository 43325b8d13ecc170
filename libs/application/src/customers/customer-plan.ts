import {
  customerDecider,
  decideAll,
  type Command,
  type CustomerCommand,
  type CustomerEvent,
  type CustomerState,
  type Decider,
} from '@ledgerline/domain';

/** The customer commands a message or an imported line asks for, decided against the customer as it is when they run. */
export type CustomerPlan = (state: CustomerState) => readonly CustomerCommand[];

export type CustomerCommandBuilder = <T extends CustomerCommand['type']>(
  type: T,
  data: Extract<CustomerCommand, { type: T }>['data'],
) => CustomerCommand;

/** Builds customer commands with typed data, all decided at `now`. */
export const customerCommandsAt =
  (now: Date): CustomerCommandBuilder =>
  (type, data) =>
    ({ type, data, metadata: { now } }) as CustomerCommand;

export type FollowCustomerPlan = Command<'FollowCustomerPlan', { plan: CustomerPlan }>;

/** Wraps a plan as one command, so that the runner decides it against the state it loaded (and reloads on a conflict). */
export const followCustomerPlan = (plan: CustomerPlan, now: Date): FollowCustomerPlan => ({
  type: 'FollowCustomerPlan',
  data: { plan },
  metadata: { now },
});

/** The customer decider, deciding a plan's commands in turn: one plan becomes one append, all or nothing. */
export const customerPlanDecider: Decider<FollowCustomerPlan, CustomerEvent, CustomerState> = {
  initialState: customerDecider.initialState,
  evolve: customerDecider.evolve,
  decide: ({ data }, state) => decideAll(customerDecider, data.plan(state), state).decided,
};
