/**
 * Runs a task after a first delay, then again each interval after the previous run ended: never two at once, and a
 * slow run delays the next instead of piling up. stop() waits for a run under way. The timer does not hold the process.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly everyMs: number,
  ) {}

  start(firstDelayMs = 0): void {
    this.stopped = false;
    this.plan(firstDelayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private plan(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.task().finally(() => this.plan(this.everyMs));
    }, delayMs);
    this.timer.unref();
  }
}
