import type { RecordedEvent } from '@ledgerline/event-store';

/** CloudEvents 1.0, structured JSON mode: the value of every message Ledgerline publishes. */
export type CloudEvent<Data extends object = Record<string, unknown>> = Readonly<{
  specversion: '1.0';
  /** The id of the stored event it comes from: consumers deduplicate by it. */
  id: string;
  source: string;
  /** e.g. crm.deal.won.v1 */
  type: string;
  /** The record's id, also the Kafka key. */
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  data: Data;
}>;

export const CLOUD_EVENT_SOURCE = 'urn:ledgerline:crm';

/** A public message, ready for a topic. */
export type IntegrationMessage = Readonly<{
  topic: string;
  key: string;
  value: CloudEvent;
  headers: Readonly<Record<string, string>>;
}>;

/** A record for a topic: a public message, or a tombstone (null value) that removes its key from a compacted topic. */
export type OutboundMessage = Omit<IntegrationMessage, 'value'> & Readonly<{ value: CloudEvent | null }>;

export function cloudEvent(event: RecordedEvent, type: string, subject: string, data: Record<string, unknown>): CloudEvent {
  const occurredAt = event.metadata.occurredAt;
  return {
    specversion: '1.0',
    id: event.id,
    source: CLOUD_EVENT_SOURCE,
    type,
    subject,
    time: typeof occurredAt === 'string' ? occurredAt : event.recordedAt.toISOString(),
    datacontenttype: 'application/json',
    data,
  };
}

/** Trace headers: how the message relates to the request that caused it and where it stands in the log. */
export function traceHeaders(event: RecordedEvent): Record<string, string> {
  const { correlationId, causationId } = event.metadata;
  const headers: Record<string, string> = {};
  if (typeof correlationId === 'string') headers['correlation-id'] = correlationId;
  if (typeof causationId === 'string') headers['causation-id'] = causationId;
  headers['ledgerline-position'] = event.position.toString();
  return headers;
}
