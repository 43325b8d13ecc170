import { randomUUID } from 'node:crypto';
import type { EventStore, EventToAppend, GlobalPosition, RecordedEvent, Subscription } from '../event-store.port';

export const newStreamId = (): string => `contract-${randomUUID()}`;

export const newEvent = (overrides: Partial<EventToAppend> = {}): EventToAppend => ({
  id: randomUUID(),
  type: 'SomethingHappened',
  schemaVersion: 1,
  data: { note: 'contract' },
  metadata: { actor: 'contract-suite' },
  ...overrides,
});

export const newEvents = (count: number): EventToAppend[] => Array.from({ length: count }, (_, index) => newEvent({ data: { index } }));

/** Polls until `condition` holds; stores may make events visible in $all a little later than the append returns. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Reads $all after `after` page by page, `limit` events a page, to its current end. */
export async function readAllPages(store: EventStore, after: GlobalPosition, limit: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (
    let page = await store.readAll({ after, limit });
    page.length > 0;
    page = await store.readAll({ after: page[page.length - 1].position, limit })
  ) {
    events.push(...page);
  }
  return events;
}

/**
 * The events of `streams` in $all after `after`, once there are `count` of them. Others may write to
 * a shared store meanwhile, and $all may show an append a little after it returned.
 */
export async function readAllOf(
  store: EventStore,
  streams: readonly string[],
  after: GlobalPosition,
  count: number,
): Promise<RecordedEvent[]> {
  let events: RecordedEvent[] = [];
  await until(
    async () => {
      events = (await readAllPages(store, after, 1000)).filter((event) => streams.includes(event.streamId));
      return events.length >= count;
    },
    `${count} events of ${streams.join(', ')} in $all`,
  );
  return events;
}

/** A subscription that records the events of `streams` it receives. */
export function recordingSubscription(
  store: EventStore,
  after: GlobalPosition,
  streams: readonly string[],
): { received: RecordedEvent[]; subscription: Subscription } {
  const received: RecordedEvent[] = [];
  const subscription = store.subscribeAll(after, async (event) => {
    if (streams.includes(event.streamId)) received.push(event);
  });
  return { received, subscription };
}

/** A position after every event stored so far: where a test starts reading $all. */
export async function headOfAll(store: EventStore): Promise<GlobalPosition> {
  const { position } = await store.append(newStreamId(), [newEvent({ type: 'ContractMarker' })], 'no-stream');
  return position;
}
