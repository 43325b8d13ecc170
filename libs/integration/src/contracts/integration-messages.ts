import { EVENT_TYPES, parseStreamId, recordIdOf, type DomainEvent, type Event, type RecordKind } from '@ledgerline/domain';
import type { RecordedEvent } from '@ledgerline/event-store';
import { cloudEvent, traceHeaders, type IntegrationMessage } from './cloud-event';
import type { Contract } from './contract';
import { customerContract } from './customer.contract';
import { dealContract } from './deal.contract';
import { interactionContract } from './interaction.contract';

/** Record kinds with a public topic. Pipelines are configuration and segments publish memberships instead (segment-membership.contract.ts). */
const CONTRACTS: Readonly<Partial<Record<RecordKind, Contract<Event>>>> = {
  customer: customerContract as unknown as Contract<Event>,
  deal: dealContract as unknown as Contract<Event>,
  interaction: interactionContract as unknown as Contract<Event>,
};

const PUBLISHED = Object.entries(CONTRACTS) as [RecordKind, Contract<Event>][];

export const PUBLIC_TOPICS: readonly string[] = PUBLISHED.map(([, contract]) => contract.topic);

/** The internal event types some public message may come from: the relay reads only these. */
export const PUBLISHED_EVENT_TYPES: readonly DomainEvent['type'][] = PUBLISHED.flatMap(([kind]) => EVENT_TYPES[kind]);

/**
 * The explicit transform from the internal log to the public contracts: one stored event becomes
 * zero or one public message. Internal events may change; the contracts may not without a new version.
 */
export function integrationMessages(event: RecordedEvent): IntegrationMessage[] {
  const kind = parseStreamId(event.streamId)?.kind;
  const contract = kind && CONTRACTS[kind];
  const toPublic = contract?.map[event.type as keyof typeof contract.map] as
    ((data: unknown) => ReturnType<Contract<Event>['map'][string]>) | undefined;
  const published = toPublic?.(event.data);
  if (!kind || !contract || !published) return [];
  const recordId = recordIdOf(kind, event.data);
  return [
    {
      topic: contract.topic,
      key: recordId,
      value: cloudEvent(event, published.type, recordId, published.data),
      headers: traceHeaders(event),
    },
  ];
}
