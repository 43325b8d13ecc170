import type { Command, Decider, Event } from '../shared/decider';
import { RuleViolated } from '../shared/domain-error';
import { eventTypeNames } from '../shared/event-types';

/**
 * "One id in another system, one customer": each (system, external id) has its own claim stream, written
 * with optimistic concurrency before the customer's link event. Only the claim's holder may link the id.
 */
export type ExternalReferenceClaimed = Event<
  'ExternalReferenceClaimed',
  { system: string; externalId: string; customerId: string; takenOverFrom: string | null; claimedAt: string }
>;

export type ExternalReferenceReleased = Event<'ExternalReferenceReleased', { system: string; externalId: string; customerId: string }>;

export type ExternalReferenceClaimEvent = ExternalReferenceClaimed | ExternalReferenceReleased;

export const EXTERNAL_REFERENCE_CLAIM_EVENT_TYPES = eventTypeNames<ExternalReferenceClaimEvent['type']>({
  ExternalReferenceClaimed: true,
  ExternalReferenceReleased: true,
});

export type ClaimExternalReference = Command<
  'ClaimExternalReference',
  {
    system: string;
    externalId: string;
    customerId: string;
    /** A holder found to have abandoned the claim (it never linked the id), which this claim may replace. */
    takeOverFrom?: string;
  }
>;

export type ReleaseExternalReference = Command<'ReleaseExternalReference', { system: string; externalId: string; customerId: string }>;

export type ExternalReferenceClaimCommand = ClaimExternalReference | ReleaseExternalReference;

export type ExternalReferenceClaimState = Readonly<{ holder: string | null; claimedAt: string | null }>;

export class ExternalReferenceTaken extends RuleViolated {
  override readonly code = 'external-reference-taken';
  constructor(
    readonly system: string,
    readonly externalId: string,
    readonly holder: string,
  ) {
    super(`The ${system} id ${JSON.stringify(externalId)} is already linked to customer ${holder}.`, { system, externalId, holder });
  }
}

// A claim's state is its last event's: nothing earlier matters.
const evolve = (_state: ExternalReferenceClaimState, event: ExternalReferenceClaimEvent): ExternalReferenceClaimState =>
  event.type === 'ExternalReferenceClaimed'
    ? { holder: event.data.customerId, claimedAt: event.data.claimedAt }
    : { holder: null, claimedAt: null };

function decide(command: ExternalReferenceClaimCommand, state: ExternalReferenceClaimState): ExternalReferenceClaimEvent[] {
  const { system, externalId, customerId } = command.data;
  if (command.type === 'ReleaseExternalReference') {
    return state.holder === customerId ? [{ type: 'ExternalReferenceReleased', data: { system, externalId, customerId } }] : [];
  }
  if (state.holder === customerId) return [];
  const takenOverFrom = state.holder;
  if (takenOverFrom !== null && takenOverFrom !== command.data.takeOverFrom)
    throw new ExternalReferenceTaken(system, externalId, takenOverFrom);
  return [
    {
      type: 'ExternalReferenceClaimed',
      data: { system, externalId, customerId, takenOverFrom, claimedAt: command.metadata.now.toISOString() },
    },
  ];
}

export const externalReferenceClaimDecider: Decider<
  ExternalReferenceClaimCommand,
  ExternalReferenceClaimEvent,
  ExternalReferenceClaimState
> = {
  initialState: () => ({ holder: null, claimedAt: null }),
  evolve,
  decide,
};

/**
 * A claim whose holder never linked the id (its process died between the claim and the link), old enough that no
 * command of the holder can still be on its way: another customer may take it over. The lease is far longer than a
 * command takes, retries included.
 */
export const isAbandoned = (state: ExternalReferenceClaimState, holderLinksIt: boolean, now: Date, leaseMs: number): boolean =>
  state.holder !== null && !holderLinksIt && state.claimedAt !== null && now.getTime() - Date.parse(state.claimedAt) > leaseMs;
