import { PROJECTIONS } from '@ledgerline/projections';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { markdownTable } from '../report';
import { insertBaseline } from './baseline-inserts';
import type { Load } from './dataset';
import type { RebuildReport } from './rebuild-worker';

export type RebuildRow = Readonly<{ what: string; report: RebuildReport; baselineSeconds: number }>;

async function rebuildInChild(url: string, names: readonly string[]): Promise<RebuildReport> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, 'rebuild-worker.js'), url, ...names], {
    maxBuffer: 16 * 2 ** 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as RebuildReport;
}

/**
 * Rebuilds each projection of PROJECTIONS on its own, then all of them together, each run in a fresh child
 * process; then the baseline writes the rows each run wrote (same tables, same counts) with multi-row INSERTs.
 */
export async function rebuildScenario(url: string, log: (line: string) => void): Promise<RebuildRow[]> {
  const runs: RebuildRow[] = [];
  const baselineOf = async (report: RebuildReport) => {
    let seconds = 0;
    for (const [table, rows] of Object.entries(report.rowsWritten)) seconds += await insertBaseline(url, table, rows);
    return seconds;
  };
  const names = PROJECTIONS.map((projection) => projection.name);
  for (const what of [...names.map((name) => [name]), names]) {
    const report = await rebuildInChild(url, what);
    const baselineSeconds = await baselineOf(report);
    const row = { what: what.length === 1 ? what[0] : `all ${what.length} together`, report, baselineSeconds };
    log(
      `  ${row.what}: ${Math.round(report.events / report.seconds)} events/s (${report.seconds.toFixed(1)} s), ` +
        `baseline ${baselineSeconds.toFixed(1)} s, x${(baselineSeconds / report.seconds).toFixed(2)}, peak RSS ${report.peakRssMb.toFixed(0)} MB`,
    );
    runs.push(row);
  }
  return runs;
}

const share = (part: number, whole: number) => `${((100 * part) / whole).toFixed(0)} %`;

/** The rebuild table, the load beside it, and where each run's time went. */
export function rebuildMarkdown(rows: readonly RebuildRow[], load: Load): string {
  const table = markdownTable(
    ['projection', 'events', 'seconds', 'events/s', 'rows written', 'baseline s', 'x baseline', 'peak RSS MB'],
    [
      ...rows.map(({ what, report, baselineSeconds }) => [
        what,
        String(report.events),
        report.seconds.toFixed(1),
        String(Math.round(report.events / report.seconds)),
        String(Object.values(report.rowsWritten).reduce((sum, rows) => sum + rows, 0)),
        baselineSeconds.toFixed(1),
        (baselineSeconds / report.seconds).toFixed(2),
        report.peakRssMb.toFixed(0),
      ]),
      [
        '(load: plan, deciders, append)',
        String(load.events),
        load.seconds.toFixed(1),
        String(Math.round(load.events / load.seconds)),
        '',
        '',
        '',
        '',
      ],
    ],
    (column) => column >= 1,
  );
  const spent = markdownTable(
    ['projection', 'where the time went (share of its handler and read time, summed over batches)'],
    rows.map(({ what, report }) => {
      const entries = Object.entries(report.spentMs).filter(([key]) => key !== 'handler (all)');
      const total = (report.spentMs['handler (all)'] ?? 0) + (report.spentMs['read $all'] ?? 0);
      const handlerOther =
        (report.spentMs['handler (all)'] ?? 0) - entries.filter(([key]) => key.startsWith('sql')).reduce((sum, [, ms]) => sum + ms, 0);
      const parts = [...entries, ['handler code (folding, JSON)', handlerOther] as const]
        .sort((a, b) => b[1] - a[1])
        .filter(([, ms]) => ms / total >= 0.02)
        .map(([key, ms]) => `${key} ${share(ms, total)}`);
      return [what, parts.join(', ')];
    }),
    () => false,
  );
  return [table, spent].join('\n\n');
}
