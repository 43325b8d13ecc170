import { SubscriptionRegistry } from './catch-up-subscription';
import { GENESIS_HASH } from './hash-chain';
import type { GlobalPosition, ReadAllOptions, RecordedEvent } from './event-store.port';

const event = (position: number): RecordedEvent => ({
  id: `event-${position}`,
  type: 'Noted',
  schemaVersion: 1,
  data: {},
  metadata: {},
  streamId: 'a',
  revision: position - 1,
  position: BigInt(position),
  recordedAt: new Date(0),
  hash: GENESIS_HASH,
});

/** A log of `size` events at positions 1..size, whose reads are recorded; reads after `failingAfter` fail. */
function log(size: number, failingAfter = BigInt(size)) {
  const reads: (GlobalPosition | undefined)[] = [];
  return {
    reads,
    readAll: ({ after, limit }: ReadAllOptions): Promise<RecordedEvent[]> => {
      reads.push(after);
      if ((after ?? 0n) >= failingAfter) return Promise.reject(new Error('the database went away'));
      const from = Number(after ?? 0n) + 1;
      return Promise.resolve(Array.from({ length: Math.max(0, Math.min(limit, size - from + 1)) }, (_, index) => event(from + index)));
    },
  };
}

describe('catch-up subscription', () => {
  it('reads the next page while the handler works on the current one, and delivers every event once, in order', async () => {
    const source = log(5);
    const registry = new SubscriptionRegistry({ readAll: source.readAll, batchSize: 2 });
    const delivered: GlobalPosition[] = [];
    const readsWhenFirstHandled: (GlobalPosition | undefined)[] = [];
    let caughtUp!: () => void;
    const done = new Promise<void>((resolve) => (caughtUp = resolve));

    const subscription = registry.start(undefined, async (recorded) => {
      if (delivered.length === 0) readsWhenFirstHandled.push(...source.reads);
      delivered.push(recorded.position);
      if (recorded.position === 5n) caughtUp();
    });
    await done;
    await subscription.stop();

    expect(readsWhenFirstHandled).toEqual([undefined, 2n]); // the second page was asked for before the first event was handled
    expect(delivered).toEqual([1n, 2n, 3n, 4n, 5n]);
    expect(source.reads).toEqual([undefined, 2n, 4n]); // the last page was short: caught up, no read ahead of it
  });

  it('leaves the failure of a page read ahead unreported, and unhandled by no one, once it is stopped', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const source = log(4, 2n); // the page read ahead fails...
    const registry = new SubscriptionRegistry({ readAll: source.readAll, batchSize: 2 });
    const errors: unknown[] = [];
    let stopped!: Promise<void>;

    const subscription = registry.start(
      undefined,
      async () => {
        stopped ??= subscription.stop(); // ...and the subscription is stopped before it needs it
      },
      (error) => errors.push(error),
    );
    await new Promise((resolve) => setImmediate(resolve));
    await stopped;
    await new Promise((resolve) => setTimeout(resolve, 10));
    process.off('unhandledRejection', onUnhandled);

    expect(errors).toEqual([]);
    expect(unhandled).toEqual([]);
  });

  it('reports a failed read it needs, after the events it had, and stops', async () => {
    const source = log(6, 4n);
    const registry = new SubscriptionRegistry({ readAll: source.readAll, batchSize: 2 });
    const delivered: GlobalPosition[] = [];
    let failed!: (error: unknown) => void;
    const failure = new Promise<unknown>((resolve) => (failed = resolve));

    registry.start(
      undefined,
      async (recorded) => {
        delivered.push(recorded.position);
      },
      failed,
    );

    expect(await failure).toEqual(new Error('the database went away'));
    expect(delivered).toEqual([1n, 2n, 3n, 4n]);
    await registry.stopAll();
  });
});
