import type { GlobalPosition, ReadAllOptions, RecordedEvent, Subscription, SubscriptionHandler } from './event-store.port';
import { Wakeup } from './wakeup';

export type CatchUpOptions = Readonly<{
  readAll: (options: ReadAllOptions) => Promise<RecordedEvent[]>;
  batchSize: number;
  /** Read again after this long even without a wake-up; omit to wait for wake-ups only. */
  pollIntervalMs?: number;
}>;

/**
 * Reads $all in batches from a position and hands each event to the handler; once caught up, waits
 * for a wake-up (new events) or the poll interval, and reads on. A failed read or handler stops it.
 */
class CatchUpSubscription implements Subscription {
  private readonly wakeup = new Wakeup();
  private stopped = false;
  readonly done: Promise<void>;

  constructor(
    private readonly options: CatchUpOptions,
    after: GlobalPosition | undefined,
    handler: SubscriptionHandler,
    onError: ((error: unknown) => void) | undefined,
  ) {
    this.done = this.run(after, handler, onError);
  }

  /** A page read ahead: should the subscription stop before it is awaited, its failure concerns no one. */
  private readAfter(position: GlobalPosition): Promise<RecordedEvent[]> {
    const read = this.options.readAll({ after: position, limit: this.options.batchSize });
    read.catch(() => undefined);
    return read;
  }

  wake(): void {
    this.wakeup.signal();
  }

  /** Resolves once the handler has returned: awaiting it from inside the handler would wait forever. */
  readonly stop = async (): Promise<void> => {
    this.stopped = true;
    this.wakeup.signal();
    await this.done;
  };

  private async run(after: GlobalPosition | undefined, handler: SubscriptionHandler, onError?: (error: unknown) => void): Promise<void> {
    let position = after;
    let ahead: Promise<RecordedEvent[]> | undefined;
    try {
      while (!this.stopped) {
        const batch = await (ahead ?? this.options.readAll({ after: position, limit: this.options.batchSize }));
        const caughtUp = batch.length < this.options.batchSize;
        // While catching up, the next page is read while the handler works on this one: the database answers
        // while this thread is busy, instead of the two taking turns (found by the relay benchmark).
        ahead = caughtUp ? undefined : this.readAfter(batch[batch.length - 1].position);
        for (const event of batch) {
          if (this.stopped) return;
          await handler(event);
          position = event.position;
        }
        if (caughtUp) await this.wakeup.wait(this.options.pollIntervalMs);
      }
    } catch (error) {
      this.stopped = true;
      onError?.(error);
    }
  }
}

/** A store's running subscriptions: woken together when events arrive, stopped together on close. */
export class SubscriptionRegistry {
  private readonly running = new Set<CatchUpSubscription>();

  constructor(private readonly options: CatchUpOptions) {}

  start(after: GlobalPosition | undefined, handler: SubscriptionHandler, onError?: (error: unknown) => void): Subscription {
    const subscription = new CatchUpSubscription(this.options, after, handler, onError);
    this.running.add(subscription);
    void subscription.done.then(() => this.running.delete(subscription));
    return subscription;
  }

  wakeAll(): void {
    for (const subscription of this.running) subscription.wake();
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running].map((subscription) => subscription.stop()));
  }
}
