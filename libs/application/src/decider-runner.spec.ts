import type { Command, Decider, Event } from '@ledgerline/domain';
import { InMemoryEventStore, type EventStore, type EventToAppend, type ExpectedRevision } from '@ledgerline/event-store';
import { ConcurrentModification, RevisionMismatch } from './application-errors';
import type { CommandContext } from './command-context';
import { DeciderRunner } from './decider-runner';
import { EventCodec } from './event-codec';

// A counter is all the runner needs to be exercised: it knows nothing of customers or deals.
type Add = Command<'Add', { by: number }>;
type Added = Event<'Added', { by: number }>;
const counter: Decider<Add, Added, number> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.data.by,
  decide: (command) => (command.data.by === 0 ? [] : [{ type: 'Added', data: { by: command.data.by } }]),
};

const now = new Date('2026-11-23T10:00:00Z');
const add = (by: number): Add => ({ type: 'Add', data: { by }, metadata: { now } });
const context = (overrides: Partial<CommandContext> = {}): CommandContext => ({
  actor: { type: 'user', id: 'ana', roles: ['sales'] },
  correlationId: 'correlation-1',
  causationId: 'request-1',
  source: 'api',
  now,
  ...overrides,
});

/** A store where, before each of the first `times` appends, another writer appends to the same stream. */
function racingStore(store: EventStore, times: number): EventStore {
  let raced = 0;
  return Object.assign(Object.create(store) as EventStore, {
    append: async (streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision) => {
      if (raced++ < times) await new DeciderRunner(store, new EventCodec(), 1).execute(counter, streamId, add(100), context());
      return store.append(streamId, events, expected);
    },
  });
}

describe('DeciderRunner', () => {
  let store: InMemoryEventStore;
  let runner: DeciderRunner;
  beforeEach(() => {
    store = new InMemoryEventStore();
    runner = new DeciderRunner(store, new EventCodec(), 3);
  });

  it('appends the decided events with the context as metadata', async () => {
    const outcome = await runner.execute(counter, 'counter-1', add(2), context({ idempotencyKey: 'key-1' }));
    expect(outcome).toEqual({ streamId: 'counter-1', state: 2, revision: 0, appended: 1, position: 1n });
    const [stored] = await store.readStream('counter-1');
    expect(stored).toMatchObject({ type: 'Added', schemaVersion: 1, data: { by: 2 } });
    expect(stored.metadata).toEqual({
      actor: { type: 'user', id: 'ana', roles: ['sales'] },
      correlationId: 'correlation-1',
      causationId: 'request-1',
      idempotencyKey: 'key-1',
      occurredAt: now.toISOString(),
      source: 'api',
    });
  });

  it('appends nothing when the decision is a no-op', async () => {
    await runner.execute(counter, 'counter-1', add(1), context());
    const outcome = await runner.execute(counter, 'counter-1', add(0), context());
    expect(outcome).toMatchObject({ state: 1, revision: 0, appended: 0 });
    expect(await store.readStream('counter-1')).toHaveLength(1);
  });

  it('decides several commands in turn and appends them in one go', async () => {
    const outcome = await runner.execute(counter, 'counter-1', [add(1), add(0), add(5)], context());
    expect(outcome).toMatchObject({ state: 6, revision: 1, appended: 2 });
    const positions = (await store.readStream('counter-1')).map((event) => event.position);
    expect(positions).toEqual([1n, 2n]);
  });

  it('recognises a command retried with the same idempotency key and appends nothing twice', async () => {
    await runner.execute(counter, 'counter-1', add(2), context({ idempotencyKey: 'key-1' }));
    const retried = await runner.execute(counter, 'counter-1', add(2), context({ idempotencyKey: 'key-1' }));
    expect(retried).toMatchObject({ state: 2, revision: 0, appended: 0, position: 1n }); // where the first attempt landed
    const other = await runner.execute(counter, 'counter-1', add(2), context({ idempotencyKey: 'key-2' }));
    expect(other).toMatchObject({ state: 4, revision: 1, appended: 1 });
  });

  it('refuses with RevisionMismatch when If-Match names another revision, and writes nothing', async () => {
    await runner.execute(counter, 'counter-1', add(1), context());
    await expect(runner.execute(counter, 'counter-1', add(1), context({ expectedRevision: 5 }))).rejects.toEqual(
      new RevisionMismatch('counter-1', 5, 0),
    );
    expect(await store.readStream('counter-1')).toHaveLength(1);
  });

  it('decides again on fresh state when a concurrent writer got there first', async () => {
    await runner.execute(counter, 'counter-1', add(1), context());
    const racing = new DeciderRunner(racingStore(store, 2), new EventCodec(), 3);
    const outcome = await racing.execute(counter, 'counter-1', add(1), context());
    expect(outcome).toMatchObject({ state: 202, revision: 3, appended: 1 });
  });

  it('does not retry a conditional write that lost the race: the client must reload', async () => {
    await runner.execute(counter, 'counter-1', add(1), context());
    const racing = new DeciderRunner(racingStore(store, 1), new EventCodec(), 3);
    await expect(racing.execute(counter, 'counter-1', add(1), context({ expectedRevision: 0 }))).rejects.toEqual(
      new RevisionMismatch('counter-1', 0, 1),
    );
  });

  it('gives up with ConcurrentModification after the configured attempts', async () => {
    const racing = new DeciderRunner(racingStore(store, 3), new EventCodec(), 3);
    await expect(racing.execute(counter, 'counter-1', add(1), context())).rejects.toBeInstanceOf(ConcurrentModification);
    expect((await store.readStream('counter-1')).map((event) => event.data.by)).toEqual([100, 100, 100]);
  });
});
