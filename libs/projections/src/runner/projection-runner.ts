import type { EventStore, GlobalPosition, RecordedEvent, Subscription } from '@ledgerline/event-store';
import type { DataSource, QueryRunner } from 'typeorm';
import { Checkpoints, type ProjectionState } from './checkpoints';
import { inTransaction } from './in-transaction';
import { liveTarget, type Projection } from './projection';
import { ProjectionFailed, ProjectionStopping } from './projection-failure';
import { projectedEvents } from './projected-event';
import { releaseProjectionLock, tryProjectionLock } from './projection-lock';
import { rebuildProjection } from './rebuild';

export type RunnerOptions = Readonly<{
  /** Events per transaction. */
  batchSize: number;
  /** How often a standby runner tries to take over. */
  standbyRetryMs: number;
  /** How often the active runner looks for a rebuild asked for elsewhere. */
  rebuildCheckMs: number;
  log: (message: string) => void;
}>;

export type RunnerStatus = Readonly<{
  name: string;
  version: number;
  state: ProjectionState;
  position: GlobalPosition | undefined;
  /** recordedAt of the last event this runner applied. */
  lastEventRecordedAt: Date | undefined;
  error: string | undefined;
}>;

/**
 * Keeps one projection up to date: the only active one across processes (advisory lock), fed by a
 * catch-up-then-live subscription, applying events in batches, each in one transaction together
 * with the checkpoint. A handler that throws stops this projection only, naming the event.
 */
export class ProjectionRunner {
  private state: ProjectionState = 'stopped';
  private position: GlobalPosition | undefined;
  private lastEventRecordedAt: Date | undefined;
  private error: string | undefined;
  private lock: QueryRunner | undefined;
  private subscription: Subscription | undefined;
  private standbyTimer: NodeJS.Timeout | undefined;
  private buffer: RecordedEvent[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private flushScheduled = false;
  private rebuildWatch: NodeJS.Timeout | undefined;
  private stopping = false;
  private work: Promise<void> = Promise.resolve();
  private readonly checkpoints: Checkpoints;

  constructor(
    private readonly projection: Projection,
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly options: RunnerOptions,
  ) {
    this.checkpoints = new Checkpoints(dataSource.manager);
  }

  status(): RunnerStatus {
    const { name, version } = this.projection;
    return { name, version, state: this.state, position: this.position, lastEventRecordedAt: this.lastEventRecordedAt, error: this.error };
  }

  /** Resolves once the runner is live, rebuilding done, or standing by. */
  start(): Promise<void> {
    return this.track(() => this.begin());
  }

  /** Work that stop() must wait for: a start, a takeover, a rebuild. */
  private track(work: () => Promise<void>): Promise<void> {
    const run = this.work.then(work);
    this.work = run.catch((error: unknown) => this.fail(error));
    return run;
  }

  private async begin(): Promise<void> {
    if (this.stopping) return;
    this.state = 'starting';
    if (!(await this.takeLock())) {
      this.state = 'standby';
      this.standbyTimer = setTimeout(() => void this.track(() => this.begin()).catch(() => undefined), this.options.standbyRetryMs);
      return;
    }
    const checkpoint = await this.checkpoints.register(this.projection.name, this.projection.version);
    this.position = checkpoint.position;
    // A projection without tables (the Kafka relay) is not replayed for a new version: that would
    // publish the whole log again; its checkpoint simply takes the new version with the next batch.
    const outdated =
      checkpoint.position !== undefined && checkpoint.version !== this.projection.version && this.projection.tables.length > 0;
    if (outdated || (await this.checkpoints.rebuildRequested(this.projection.name))) await this.rebuild();
    else await this.goLive();
    this.rebuildWatch = setInterval(
      () => void this.track(() => this.rebuildIfRequested()).catch(() => undefined),
      this.options.rebuildCheckMs,
    );
    this.rebuildWatch.unref();
  }

  private async goLive(): Promise<void> {
    if (this.stopping) return;
    await this.checkpoints.report(this.projection.name, 'live');
    this.subscription = this.store.subscribeAll(
      this.position,
      (event) => this.receive(event),
      (error) => this.fail(error),
    );
    this.state = 'live';
  }

  /** A rebuild asked for from elsewhere (the CLI) is done by the runner that holds the projection. */
  private async rebuildIfRequested(): Promise<void> {
    if (this.state !== 'live' || this.stopping) return;
    if (!(await this.checkpoints.rebuildRequested(this.projection.name).catch(() => false))) return;
    await this.subscription?.stop();
    this.subscription = undefined;
    await this.flush();
    if (this.state === 'live') await this.rebuild();
  }

  private async rebuild(): Promise<void> {
    const { name } = this.projection;
    this.state = 'rebuilding';
    await this.checkpoints.report(name, 'rebuilding');
    let reported = 0;
    this.position = await rebuildProjection(this.projection, this.store, this.dataSource, (progress) => {
      if (Date.now() - reported < 500 && progress.done !== progress.total) return;
      reported = Date.now();
      void this.checkpoints.reportRebuild(name, progress).catch(() => undefined);
    });
    await this.goLive();
  }

  /** Waits for a start, takeover or rebuild in progress and the batch being applied, then lets go of the lock. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.standbyTimer);
    clearInterval(this.rebuildWatch);
    await this.work;
    await this.subscription?.stop();
    await this.flushing;
    this.buffer = []; // delivered again from the checkpoint next time
    if (this.lock && this.state !== 'failed') {
      this.state = 'stopped';
      await this.checkpoints.report(this.projection.name, 'stopped');
    }
    if (this.lock) await releaseProjectionLock(this.lock);
    this.lock = undefined;
  }

  private async takeLock(): Promise<boolean> {
    this.lock = await tryProjectionLock(this.dataSource, this.projection.name);
    // Reset when the lock is released (releaseProjectionLock), so the pooled connection goes back as it came.
    if (this.lock && this.projection.tables.length === 0) await this.lock.query(`SET synchronous_commit = off`);
    return this.lock !== undefined;
  }

  /**
   * Delivery is one event at a time; work is done in batches. A full batch is queued and the subscription goes on
   * once the batch before it is applied: one batch is gathered and prepared while another is being applied.
   */
  private async receive(event: RecordedEvent): Promise<void> {
    this.buffer.push(event);
    if (this.buffer.length < this.options.batchSize) return this.flushSoon();
    const before = this.flushing;
    this.flush().catch((error: unknown) => this.fail(error));
    await before;
  }

  /** Once the batches in hand are applied and the subscription has handed over what it has at hand, apply it. */
  private flushSoon(): void {
    if (this.flushScheduled || this.stopping) return;
    this.flushScheduled = true;
    void this.flushing.then(() =>
      setImmediate(() => {
        this.flushScheduled = false;
        // What a stopping runner holds is delivered again from its checkpoint next time.
        if (!this.stopping) this.flush().catch((error: unknown) => this.fail(error));
      }),
    );
  }

  /**
   * Takes what is buffered as the next batch, prepares it at once (Projection.prepare) and applies it after the
   * batches taken before it: taking and queueing go together, so batches are applied in the order of $all. The
   * chain itself never stays rejected.
   */
  private flush(): Promise<void> {
    const batch = this.buffer;
    this.buffer = [];
    const relevant = projectedEvents(this.projection, batch);
    this.prepare(relevant);
    const run = this.flushing.then(() => (this.state === 'failed' || batch.length === 0 ? undefined : this.apply(batch, relevant)));
    this.flushing = run.catch(() => undefined);
    return run;
  }

  private prepare(relevant: ReturnType<typeof projectedEvents>): void {
    if (relevant.length === 0 || !this.projection.prepare) return;
    try {
      this.projection.prepare(relevant);
    } catch {
      // Nothing is lost: handle() meets the same event in its turn, and its failure names it.
    }
  }

  private async apply(batch: readonly RecordedEvent[], relevant: ReturnType<typeof projectedEvents>): Promise<void> {
    try {
      await this.commit(batch, relevant);
    } catch (error) {
      if (error instanceof ProjectionStopping) throw error;
      // Find the event that breaks the handler: apply one at a time until it throws. If none does,
      // the batch failed for a passing reason and is now applied.
      for (const event of batch) {
        try {
          await this.commit([event]);
        } catch (cause) {
          if (cause instanceof ProjectionStopping) throw cause;
          throw new ProjectionFailed(this.projection.name, event, cause);
        }
      }
    }
  }

  private async commit(batch: readonly RecordedEvent[], relevant = projectedEvents(this.projection, batch)): Promise<void> {
    const last = batch[batch.length - 1];
    if (this.projection.tables.length === 0) await this.commitPublished(relevant, last.position);
    else
      await inTransaction(this.dataSource, async (sql) => {
        if (relevant.length > 0) await this.projection.handle(relevant, liveTarget(sql));
        await Checkpoints.advance(sql, this.projection.name, this.position, last.position, this.projection.version);
      });
    this.position = last.position;
    this.lastEventRecordedAt = last.recordedAt;
  }

  /**
   * A projection without tables (a Kafka relay) has its effect elsewhere, with nothing to commit here together with
   * its checkpoint: the checkpoint moves once the handler returned (the broker acknowledged), in one statement on the
   * lock's connection, which commits without waiting for the WAL flush (see takeLock). A checkpoint lost to a crash of
   * the database only sends its batch again: delivery is at least once, and consumers deduplicate.
   */
  private async commitPublished(relevant: ReturnType<typeof projectedEvents>, to: GlobalPosition): Promise<void> {
    const lock = this.lock;
    if (!lock) throw new ProjectionStopping(this.projection.name);
    if (relevant.length > 0) await this.projection.handle(relevant, liveTarget(lock));
    await Checkpoints.advance(lock, this.projection.name, this.position, to, this.projection.version);
  }

  private fail(error: unknown): void {
    // A shutdown that interrupts a batch is no failure: the batch is delivered again next time.
    if (this.state === 'failed' || this.stopping || error instanceof ProjectionStopping) return;
    this.state = 'failed';
    this.error = error instanceof Error ? error.message : String(error);
    this.buffer = [];
    this.options.log(this.error);
    void this.subscription?.stop().catch(() => undefined);
    // Report, then let go of the lock: a standby (or an operator's rebuild) may take the projection over.
    const lock = this.lock;
    this.lock = undefined;
    void this.checkpoints
      .report(this.projection.name, 'failed', this.error)
      .catch(() => undefined)
      .finally(() => lock && releaseProjectionLock(lock).catch(() => undefined));
  }
}
