import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import type { Summary } from './measure';
import type { Shape } from './workload';

export type Row = Readonly<{ system: string; shape: Shape; writers: number } & Summary>;

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
  `${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`;

/** A fact about a run: what, and its value as Markdown (names and settings in backticks). */
export type Fact = readonly [what: string, value: string];

/** A Markdown value for the console: without the backticks. */
export const plain = (markdown: string) => markdown.replaceAll('`', '');

/** A Markdown table, padded as Prettier pads it (so also readable as is in a terminal). */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  rightAligned: (column: number) => boolean,
): string {
  const cells = rows.map((row) => row.map((value) => value.replaceAll('|', '\\|')));
  const widths = header.map((title, column) => Math.max(3, title.length, ...cells.map((cell) => cell[column].length)));
  const line = (values: readonly string[]) =>
    `| ${values.map((value, column) => (rightAligned(column) ? value.padStart(widths[column]) : value.padEnd(widths[column]))).join(' | ')} |`;
  const rule = `| ${widths.map((width, column) => (rightAligned(column) ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width))).join(' | ')} |`;
  return [line(header), rule, ...cells.map(line)].join('\n');
}

const fixed = (value: number, digits: number) => value.toFixed(digits);

/**
 * The results table. "x baseline" is the system's median ratio to the baseline over the rounds, each ratio taken
 * within one round; the other numbers come from the system's median-throughput run.
 */
export const table = (rows: readonly Row[]): string =>
  markdownTable(
    ['system', 'shape', 'writers', 'appends/s', 'x baseline', 'p50 ms', 'p99 ms', 'retries'],
    rows.map((row) => [
      row.system,
      row.shape,
      String(row.writers),
      fixed(row.appendsPerSecond, 0),
      fixed(row.xBaseline, 2),
      fixed(row.p50Ms, 2),
      fixed(row.p99Ms, 2),
      String(row.retries),
    ]),
    (column) => column >= 2,
  );

/** The generated block of docs/benchmarks.md for one run: when, how long, on what, and the table. */
export const resultsMarkdown = (date: string, seconds: number, facts: readonly Fact[], rows: readonly Row[]): string =>
  [
    `Run of ${date} (UTC); the whole bench took ${seconds.toFixed(1)} s.`,
    markdownTable(['what', 'value'], facts, () => false),
    table(rows),
  ].join('\n\n');
