import {
  customerDecider,
  decideAll,
  DomainError,
  externalReferenceClaimDecider,
  fold,
  type CustomerEvent,
  type CustomerState,
  type ExternalReferenceClaimEvent,
} from '@ledgerline/domain';
import type { AppendRequest, EventStore, EventToAppend, RecordedEvent } from '@ledgerline/event-store';
import type { CommandContext } from '../command-context';
import type { DeciderRunner } from '../decider-runner';
import type { EventCodec } from '../event-codec';
import { streamIds } from '../records/stream-ids';
import { claimContext, externalReferenceClaimStream, type ExternalReferenceIndex } from './external-reference-index';
import { customerPlanDecider, followCustomerPlan, type CustomerPlan } from './customer-plan';

/** One unit of work: a plan for one customer, under its own context (its idempotency key makes a retry a no-op). */
export type CustomerWrite = Readonly<{ customerId: string; plan: CustomerPlan; context: CommandContext }>;

export type CustomerWriteOutcome = Readonly<
  { status: 'applied'; appended: number } | { status: 'unchanged' } | { status: 'rejected'; error: DomainError }
>;

type Decided = Readonly<{ index: number; events: CustomerEvent[] }>;

/** The writes to one customer in a batch, decided in turn against the state the earlier ones left. */
type Group = {
  customerId: string;
  streamId: string;
  revision: number | undefined;
  indexes: number[];
  /** Writes whose first event is stored already: applied before. */
  retried: Set<number>;
  decided: Decided[];
};

const UNCHANGED: CustomerWriteOutcome = { status: 'unchanged' };

/**
 * Writes many customers' plans in a few round trips: one read of all their streams (and of the claims of the
 * external ids they link), one appendMany of the claims, one of the customers' events. The writes to one customer are
 * appended together. Whatever the fast path cannot settle (a claim held by someone else, a writer that got there
 * first) goes through the DeciderRunner one write at a time, the same path as an HTTP command: so each write ends
 * exactly as it would have alone, only faster.
 */
export class CustomerBatchWriter {
  constructor(
    private readonly store: EventStore,
    private readonly codec: EventCodec,
    private readonly runner: DeciderRunner,
    private readonly index: ExternalReferenceIndex,
  ) {}

  /**
   * `known`: customer streams the caller read a moment ago (finding the customers by their external ids); they are
   * not read again. As stale as a fresh read can be by the time of the append: the expected revision settles it.
   */
  async write(
    writes: readonly CustomerWrite[],
    known: ReadonlyMap<string, readonly RecordedEvent[]> = new Map(),
  ): Promise<CustomerWriteOutcome[]> {
    const outcomes: CustomerWriteOutcome[] = writes.map(() => UNCHANGED);
    const groups = await this.decide(writes, outcomes, known);
    const slow = new Set<Group>();
    const claims = await this.claimsFor(groups, writes, slow);
    await this.appendOrSetAside(claims, slow);
    const fast = groups.filter((group) => group.decided.length > 0 && !slow.has(group));
    await this.appendOrSetAside(
      fast.map((group) => ({ group, request: this.customerAppend(group, writes) })),
      slow,
    );
    for (const group of fast.filter((candidate) => !slow.has(candidate))) await this.settled(group, writes, outcomes);
    for (const group of slow) await this.oneByOne(group, writes, outcomes);
    return outcomes;
  }

  private async decide(
    writes: readonly CustomerWrite[],
    outcomes: CustomerWriteOutcome[],
    known: ReadonlyMap<string, readonly RecordedEvent[]>,
  ): Promise<Group[]> {
    const byCustomer = new Map<string, Group>();
    writes.forEach(({ customerId }, index) => {
      const group = byCustomer.get(customerId);
      if (group) group.indexes.push(index);
      else
        byCustomer.set(customerId, {
          customerId,
          streamId: streamIds.customer(customerId),
          revision: undefined,
          indexes: [index],
          retried: new Set(),
          decided: [],
        });
    });
    const groups = [...byCustomer.values()];
    const streams = await this.store.readStreams(groups.map((group) => group.streamId).filter((streamId) => !known.has(streamId)));
    for (const group of groups) {
      const stored = known.get(group.streamId) ?? streams.get(group.streamId) ?? [];
      group.revision = stored.at(-1)?.revision;
      this.decideGroup(group, stored, writes, outcomes);
    }
    return groups;
  }

  private decideGroup(group: Group, stored: readonly RecordedEvent[], writes: readonly CustomerWrite[], outcomes: CustomerWriteOutcome[]) {
    const storedIds = new Set(stored.map((event) => event.id));
    let state: CustomerState = fold(
      customerDecider,
      stored.map((event) => this.codec.decode<CustomerEvent>(event)),
    );
    for (const index of group.indexes) {
      const { plan, context } = writes[index];
      // A write retried after its first attempt landed (a job resumed after a crash).
      if (storedIds.has(this.codec.eventId(group.streamId, 0, context))) {
        group.retried.add(index);
        continue;
      }
      try {
        const decided = decideAll(customerDecider, plan(state), state);
        if (decided.decided.length === 0) continue;
        state = decided.state;
        group.decided.push({ index, events: decided.decided });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcomes[index] = { status: 'rejected', error };
      }
    }
  }

  /** The claim each new link needs; a group whose claim is not free (or is wanted twice in the batch) goes slow. */
  private async claimsFor(groups: readonly Group[], writes: readonly CustomerWrite[], slow: Set<Group>) {
    const wanted = groups.flatMap((group) =>
      group.decided.flatMap(({ index, events }) =>
        events.flatMap((event) =>
          event.type === 'CustomerExternalReferenceLinked'
            ? [
                {
                  group,
                  context: writes[index].context,
                  streamId: externalReferenceClaimStream(event.data.system, event.data.externalId),
                  event,
                },
              ]
            : [],
        ),
      ),
    );
    const streams = await this.store.readStreams([...new Set(wanted.map((claim) => claim.streamId))]);
    const requests: { group: Group; request: AppendRequest }[] = [];
    const claimed = new Set<string>();
    for (const { group, context, streamId, event } of wanted) {
      const stored = streams.get(streamId) ?? [];
      const state = fold(
        externalReferenceClaimDecider,
        stored.map((recorded) => this.codec.decode<ExternalReferenceClaimEvent>(recorded)),
      );
      if (state.holder === group.customerId) continue;
      if (state.holder !== null || claimed.has(streamId)) {
        slow.add(group);
        continue;
      }
      claimed.add(streamId);
      const { system, externalId, customerId } = event.data;
      const claim = externalReferenceClaimDecider.decide(
        { type: 'ClaimExternalReference', data: { system, externalId, customerId }, metadata: { now: context.now } },
        state,
      );
      const expected = stored.at(-1)?.revision ?? 'no-stream';
      requests.push({ group, request: { streamId, events: this.codec.encode(streamId, claim, claimContext(context)), expected } });
    }
    return requests.filter(({ group }) => !slow.has(group));
  }

  private customerAppend(group: Group, writes: readonly CustomerWrite[]): AppendRequest {
    const events: EventToAppend[] = group.decided.flatMap(({ index, events }) =>
      this.codec.encode(group.streamId, events, writes[index].context, group.customerId),
    );
    return { streamId: group.streamId, events, expected: group.revision ?? 'no-stream' };
  }

  private async appendOrSetAside(requests: readonly { group: Group; request: AppendRequest }[], slow: Set<Group>): Promise<void> {
    if (requests.length === 0) return;
    const outcomes = await this.store.appendMany(requests.map(({ request }) => request));
    outcomes.forEach((outcome, index) => {
      if (!outcome.ok) slow.add(requests[index].group);
    });
  }

  /** Stored: each write counts as applied, and the ids it replaced or unlinked are released. */
  private async settled(group: Group, writes: readonly CustomerWrite[], outcomes: CustomerWriteOutcome[]): Promise<void> {
    for (const { index, events } of group.decided) {
      outcomes[index] = { status: 'applied', appended: events.length };
      await this.index.guard.afterAppend(events, writes[index].context);
    }
  }

  /**
   * The path every single command takes, for what the fast path could not settle. All of the group's writes go,
   * not only those decided to change something: the customer moved since it was read.
   */
  private async oneByOne(group: Group, writes: readonly CustomerWrite[], outcomes: CustomerWriteOutcome[]): Promise<void> {
    for (const index of group.indexes.filter((candidate) => !group.retried.has(candidate))) {
      const { plan, context } = writes[index];
      try {
        const outcome = await this.runner.execute(
          customerPlanDecider,
          group.streamId,
          followCustomerPlan(plan, context.now),
          context,
          this.index.guard,
        );
        outcomes[index] = outcome.appended > 0 ? { status: 'applied', appended: outcome.appended } : UNCHANGED;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcomes[index] = { status: 'rejected', error };
      }
    }
  }
}
