import { PeriodicTask } from '@ledgerline/platform';
import type { SegmentRefresh, SegmentRefresher } from './segment-refresher';

export type SegmentScheduleOptions = Readonly<{
  refreshMs: number;
  rfmMs: number;
  log: (message: string) => void;
}>;

/**
 * Refreshes time-based segments every `refreshMs` and, every `rfmMs` (and on the first run), RFM scores
 * with them. One refresh at a time; a failed one is logged and the next goes ahead as planned.
 */
export class SegmentSchedule {
  private readonly task: PeriodicTask;
  private lastRfm = -Infinity;

  constructor(
    private readonly refresher: Pick<SegmentRefresher, 'refresh'>,
    private readonly options: SegmentScheduleOptions,
    private readonly clock: () => number = Date.now,
  ) {
    this.task = new PeriodicTask(() => this.tick(), options.refreshMs);
  }

  start(): void {
    this.task.start(0);
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  private async tick(): Promise<void> {
    const rfm = this.clock() - this.lastRfm >= this.options.rfmMs;
    try {
      const outcome: SegmentRefresh = await this.refresher.refresh({ rfm });
      if (rfm) this.lastRfm = this.clock();
      if (outcome.entered + outcome.left > 0) {
        this.options.log(`Segments refreshed: ${outcome.entered} entered, ${outcome.left} left (${outcome.segments} segments)`);
      }
    } catch (error) {
      this.options.log(`Segment refresh failed, retrying in ${this.options.refreshMs} ms: ${(error as Error).message}`);
    }
  }
}
