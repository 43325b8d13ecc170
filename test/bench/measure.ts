import type { Subject, System } from './systems/system';
import { makeWriters, type Shape } from './workload';

export type Run = Readonly<{ appends: number; seconds: number; latenciesMs: number[]; retries: number }>;

export type CellResult = Readonly<{ appendsPerSecond: number; p50Ms: number; p99Ms: number; retries: number }>;

/** `total` appends shared out among `writers` concurrent loops (closed loop: each waits for its last append). */
export async function drive(subject: Subject, shape: Shape, writers: number, total: number): Promise<Run> {
  const latenciesMs: number[] = [];
  let started = 0;
  let retries = 0;
  const loop = async (append: () => Promise<{ retries: number }>) => {
    while (started < total) {
      started += 1;
      const begin = performance.now();
      const result = await append(); // not `retries += await ...`: that would read `retries` before awaiting
      retries += result.retries;
      latenciesMs.push(performance.now() - begin);
    }
  };
  const begin = performance.now();
  await Promise.all(makeWriters(subject, shape, writers).map(loop));
  return { appends: total, seconds: (performance.now() - begin) / 1000, latenciesMs, retries };
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

/** Opens the system, runs a warm-up (fills the pool, warms caches and JIT; not counted), then the measured run. */
export async function measureCell(
  system: System,
  url: string,
  poolSize: number,
  shape: Shape,
  writers: number,
  [warmup, total]: readonly [number, number],
): Promise<CellResult> {
  const subject = await system.open(url, poolSize);
  try {
    await drive(subject, shape, writers, warmup);
    const run = await drive(subject, shape, writers, total);
    return {
      appendsPerSecond: run.appends / run.seconds,
      p50Ms: percentile(run.latenciesMs, 0.5),
      p99Ms: percentile(run.latenciesMs, 0.99),
      retries: run.retries,
    };
  } finally {
    await subject.close();
  }
}

/** The run with the median throughput (its latencies and retries come with it). */
export const medianRun = (runs: readonly CellResult[]): CellResult =>
  [...runs].sort((a, b) => a.appendsPerSecond - b.appendsPerSecond)[Math.floor((runs.length - 1) / 2)];
