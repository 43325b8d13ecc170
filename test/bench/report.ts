import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import type { CellResult } from './measure';
import type { Shape } from './workload';

export type Row = Readonly<{ system: string; shape: Shape; writers: number } & CellResult>;

/** The installed version of a package, found from its entry point upwards (some packages do not export package.json). */
export function packageVersion(name: string): string {
  for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (manifest.name === name) return manifest.version ?? '?';
  }
  return '?';
}

export const machine = () =>
  `${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}`;

const fixed = (value: number, digits: number) => value.toFixed(digits);

/** A Markdown table (readable as is in a terminal); "x baseline" compares with the baseline row of the same cell. */
export function table(rows: readonly Row[]): string {
  const baselineOf = (row: Row) =>
    rows.find((other) => other.system === 'baseline' && other.shape === row.shape && other.writers === row.writers);
  const header = ['system', 'shape', 'writers', 'appends/s', 'x baseline', 'p50 ms', 'p99 ms', 'retries'];
  const cells = rows.map((row) => {
    const base = baselineOf(row);
    return [
      row.system,
      row.shape,
      String(row.writers),
      fixed(row.appendsPerSecond, 0),
      base ? fixed(row.appendsPerSecond / base.appendsPerSecond, 2) : '-',
      fixed(row.p50Ms, 2),
      fixed(row.p99Ms, 2),
      String(row.retries),
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column].length)));
  const numeric = (column: number) => column >= 2;
  const line = (values: readonly string[]) =>
    `| ${values.map((value, column) => (numeric(column) ? value.padStart(widths[column]) : value.padEnd(widths[column]))).join(' | ')} |`;
  const rule = `| ${widths.map((width, column) => (numeric(column) ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width))).join(' | ')} |`;
  return [line(header), rule, ...cells.map(line)].join('\n');
}
