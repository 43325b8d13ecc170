import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type GlobalPosition, type RecordedEvent, type Subscription } from '@ledgerline/event-store';

const BATCH = 1000;

/**
 * Which pipelines exist, followed from $all. A stop-gap until the read side lands: it reads the
 * whole log once at start, which the pipeline read model (a PostgreSQL projection) will replace.
 */
@Injectable()
export class PipelineDirectory implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly ids = new Set<string>();
  private subscription: Subscription | undefined;
  private retry: NodeJS.Timeout | undefined;
  private readonly logger = new Logger('Pipelines');
  private caughtUp: Promise<void> = Promise.resolve();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  onApplicationBootstrap(): void {
    this.caughtUp = this.follow();
    this.caughtUp.catch(() => undefined); // surfaced to callers of list()
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.retry);
    await this.subscription?.stop();
  }

  /** Pipeline ids in the order they were defined. */
  async list(): Promise<string[]> {
    await this.caughtUp;
    return [...this.ids];
  }

  /** Lets this process see its own new pipeline before the subscription delivers it. */
  remember(pipelineId: string): void {
    this.ids.add(pipelineId);
  }

  private async follow(): Promise<void> {
    let after: GlobalPosition | undefined;
    for (;;) {
      const batch = await this.store.readAll({ after, limit: BATCH });
      batch.forEach((event) => this.see(event));
      after = batch.at(-1)?.position ?? after;
      if (batch.length < BATCH) break;
    }
    this.follows(after);
  }

  /** A subscription that fails (a database restart) is taken up again from where it was, after a pause. */
  private follows(after: GlobalPosition | undefined): void {
    let position = after;
    this.subscription = this.store.subscribeAll(
      position,
      async (event) => {
        this.see(event);
        position = event.position;
      },
      (error) => {
        this.logger.warn(`Following pipelines failed (${error instanceof Error ? error.message : String(error)}); resuming in 1 s`);
        this.retry = setTimeout(() => this.follows(position), 1_000);
      },
    );
  }

  private see(event: RecordedEvent): void {
    if (event.type === 'PipelineDefined') this.ids.add(String(event.data.pipelineId));
  }
}
