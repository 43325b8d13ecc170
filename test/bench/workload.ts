import { randomUUID } from 'node:crypto';
import { NO_STREAM, type BenchEvent, type Subject } from './systems/system';

export type Shape = 'distinct' | 'hot';

/** Distinct streams: each writer fills streams of this many events, one after the other. */
const EVENTS_PER_STREAM = 10;

/** The payload of every append: a CustomerRegistered for stream customer-<id> (about 530 bytes of JSON data and metadata). */
export function customerRegistered(streamId: string): BenchEvent {
  return {
    id: randomUUID(),
    type: 'CustomerRegistered',
    schemaVersion: 1,
    data: {
      customerId: streamId.replace(/^customer-/, ''),
      kind: 'company',
      name: 'Acme GmbH',
      email: 'buying@acme.example',
      phone: null,
      country: 'DE',
      industry: 'Machinery',
      owner: 'jane.doe',
      tags: ['key-account'],
      customFields: { vatId: 'DE123456789' },
      lifecycleStage: 'lead',
      registeredAt: '2025-03-03T09:30:00.000Z',
    },
    metadata: {
      actor: 'user-7f3a',
      correlationId: randomUUID(),
      causationId: randomUUID(),
      idempotencyKey: null,
      occurredAt: '2025-03-03T09:30:00.000Z',
      source: 'http-api',
    },
  };
}

/** What one writer does per append: pick the stream, append with the revision it knows, retry on conflict. */
type Writer = () => Promise<{ retries: number }>;

const newStreamId = () => `customer-${randomUUID()}`;

/** Its own streams, EVENTS_PER_STREAM events each, always with the exact expected revision. */
function distinctWriter(subject: Subject): Writer {
  let streamId = newStreamId();
  let revision = NO_STREAM;
  return async () => {
    if (revision === EVENTS_PER_STREAM - 1) [streamId, revision] = [newStreamId(), NO_STREAM];
    if ((await subject.append(streamId, customerRegistered(streamId), revision)) === 'conflict')
      throw new Error(`conflict on ${streamId}, which only this writer writes`);
    revision += 1;
    return { retries: 0 };
  };
}

/** The shared stream, optimistically: on a conflict re-read the revision and try again. */
function hotWriter(subject: Subject, streamId: string): Writer {
  let known = NO_STREAM;
  return async () => {
    const event = customerRegistered(streamId);
    for (let retries = 0; ; retries += 1) {
      if ((await subject.append(streamId, event, known)) === 'appended') {
        known += 1;
        return { retries };
      }
      known = await subject.readRevision(streamId, known);
    }
  };
}

/** One writer per concurrent caller; hot writers all share one new stream. */
export function makeWriters(subject: Subject, shape: Shape, count: number): Writer[] {
  const hotStream = newStreamId();
  return Array.from({ length: count }, () => (shape === 'hot' ? hotWriter(subject, hotStream) : distinctWriter(subject)));
}
