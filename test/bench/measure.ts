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

/** The median (of an even count, the mean of the middle two). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor((sorted.length - 1) / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle] + sorted[middle + 1]) / 2;
}

/** The run with the median throughput (of an even count, the slower middle one); its latencies and retries come with it. */
export const medianRun = (runs: readonly CellResult[]): CellResult =>
  [...runs].sort((a, b) => a.appendsPerSecond - b.appendsPerSecond)[Math.floor((runs.length - 1) / 2)];

/** A system in one cell over all rounds: its median-throughput run, and its median ratio to the baseline. */
export type Summary = CellResult & Readonly<{ xBaseline: number }>;

/** One round of one cell: each system's run, by system name. */
export type Round = ReadonlyMap<string, CellResult>;

export function runOf(round: Round, system: string): CellResult {
  const run = round.get(system);
  if (!run) throw new Error(`no ${system} run in this round`);
  return run;
}

/** The system's throughput divided by the baseline's, both from the same round of the same cell. */
export const ratioToBaseline = (round: Round, system: string, baseline: string): number =>
  runOf(round, system).appendsPerSecond / runOf(round, baseline).appendsPerSecond;

/**
 * One system's rounds of one cell, summed up. The ratio to the baseline is taken within each round, whose systems
 * ran back to back and so saw the same machine weather, and its median over the rounds is reported: a ratio of the
 * two median runs could divide runs from different rounds.
 */
export const summarize = (rounds: readonly Round[], system: string, baseline: string): Summary => ({
  ...medianRun(rounds.map((round) => runOf(round, system))),
  xBaseline: median(rounds.map((round) => ratioToBaseline(round, system, baseline))),
});
