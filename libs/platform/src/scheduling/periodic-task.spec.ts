import { PeriodicTask } from './periodic-task';

describe('a periodic task', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs after its first delay, then each interval after a run ends, one run at a time', async () => {
    const started: number[] = [];
    let finish: () => void = () => undefined;
    const task = new PeriodicTask(() => {
      started.push(Date.now());
      return new Promise<void>((done) => (finish = done));
    }, 1_000);
    const t0 = Date.now();
    task.start(100);
    await jest.advanceTimersByTimeAsync(99);
    expect(started).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(started).toEqual([t0 + 100]);
    // A run that takes 5 s: no second run meanwhile, the next 1 s after it ends.
    await jest.advanceTimersByTimeAsync(5_000);
    expect(started).toHaveLength(1);
    finish();
    await jest.advanceTimersByTimeAsync(1_000);
    // It ended at 5,100 ms: the next run starts at 6,100.
    expect(started).toEqual([t0 + 100, t0 + 6_100]);
  });

  it('runs no more once stopped, and stop waits for the run under way', async () => {
    let runs = 0;
    let finish: () => void = () => undefined;
    const task = new PeriodicTask(() => {
      runs += 1;
      return new Promise<void>((done) => (finish = done));
    }, 10);
    task.start();
    await jest.advanceTimersByTimeAsync(0);
    let stopped = false;
    const stopping = task.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    await jest.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(1);
  });
});
