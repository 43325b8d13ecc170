import type { Event } from '@ledgerline/domain';
import type { RecordedEvent } from '@ledgerline/event-store';
import { cloudEvent, traceHeaders, type IntegrationMessage } from './cloud-event';
import type { Contract } from './contract';
import { customerContract } from './customer.contract';
import { dealContract } from './deal.contract';
import { interactionContract } from './interaction.contract';

/** Record kinds with a public topic, by stream prefix. Pipelines are configuration and stay internal. */
const CONTRACTS: Readonly<Record<string, Contract<Event>>> = {
  customer: customerContract as unknown as Contract<Event>,
  deal: dealContract as unknown as Contract<Event>,
  interaction: interactionContract as unknown as Contract<Event>,
};

export const PUBLIC_TOPICS: readonly string[] = Object.values(CONTRACTS).map((contract) => contract.topic);

/**
 * The explicit transform from the internal log to the public contracts: one stored event becomes
 * zero or one public message. Internal events may change; the contracts may not without a new version.
 */
export function integrationMessages(event: RecordedEvent): IntegrationMessage[] {
  const contract = CONTRACTS[event.streamId.slice(0, event.streamId.indexOf('-'))];
  const toPublic = contract?.map[event.type as keyof typeof contract.map] as
    ((data: unknown) => ReturnType<Contract<Event>['map'][string]>) | undefined;
  const published = toPublic?.(event.data);
  if (!contract || !published) return [];
  const recordId = String(event.data[contract.recordIdField]);
  return [
    {
      topic: contract.topic,
      key: recordId,
      value: cloudEvent(event, published.type, recordId, published.data),
      headers: traceHeaders(event),
    },
  ];
}
