/**
 * A child process of the rebuild scenario: rebuilds the named projections (together, in parallel, when several)
 * from the whole log with the library's own rebuild, and prints one JSON line: time, peak RSS, and where the time
 * went (reading $all, each SQL statement kind of the handlers, the rest), and the rows written per table.
 * Run alone so that its peak RSS is the rebuild's.
 */
import { PostgresEventStore, type EventStore } from '@ledgerline/event-store';
import { openReadModelDatabase, PROJECTIONS, rebuildProjection, type Projection, type ProjectionTarget } from '@ledgerline/projections';
import { Pool } from 'pg';
import type { QueryRunner } from 'typeorm';

export type RebuildReport = Readonly<{
  names: readonly string[];
  events: number;
  seconds: number;
  peakRssMb: number;
  /** Milliseconds by what they were spent on, summed over the projections. */
  spentMs: Record<string, number>;
  /** Rows inserted or updated per live table name. */
  rowsWritten: Record<string, number>;
}>;

const add = (record: Record<string, number>, key: string, value: number) => void (record[key] = (record[key] ?? 0) + value);

/** "INSERT crm.customers", "SELECT crm.deals": the statement's verb and the table it names first. */
function statementKind(query: string): string {
  const verb = /^\s*(\w+)/.exec(query)?.[1]?.toUpperCase() ?? '?';
  const table = /"(\w+)"\."(\w+?)(?:__rebuild)?"/.exec(query);
  return `${verb} ${table ? `${table[1]}.${table[2]}` : ''}`.trim();
}

/** The projection, with its handler timed statement by statement and the rows it writes counted. */
function instrumented(
  projection: Projection,
  report: { spentMs: Record<string, number>; rowsWritten: Record<string, number> },
): Projection {
  return {
    ...projection,
    handle: async (events, target: ProjectionTarget) => {
      const original = target.sql;
      const sql = Object.create(original) as QueryRunner;
      sql.query = (async (query: string, parameters?: unknown[], structured?: boolean) => {
        const started = performance.now();
        const result = await original.query(query, parameters, true);
        const kind = statementKind(query);
        add(report.spentMs, `sql ${kind}`, performance.now() - started);
        if (kind.startsWith('INSERT') || kind.startsWith('UPDATE')) add(report.rowsWritten, kind.split(' ')[1], result.affected ?? 0);
        return structured ? result : result.raw;
      }) as QueryRunner['query'];
      const started = performance.now();
      await projection.handle(events, { ...target, sql });
      add(report.spentMs, 'handler (all)', performance.now() - started);
    },
  };
}

/** The store, with its reads of $all timed. */
function timedReads(store: EventStore, spentMs: Record<string, number>): EventStore {
  const timed = Object.create(store) as EventStore;
  timed.readAll = async (options) => {
    const started = performance.now();
    const events = await store.readAll(options);
    add(spentMs, 'read $all', performance.now() - started);
    return events;
  };
  return timed;
}

async function main(): Promise<void> {
  const [url, ...names] = process.argv.slice(2);
  const projections = names.map((name) => {
    const projection = PROJECTIONS.find((candidate) => candidate.name === name);
    if (!projection) throw new Error(`no projection is called ${name}`);
    return projection;
  });
  const pool = new Pool({ connectionString: url, max: 4 + names.length });
  const store = await PostgresEventStore.open(pool);
  const dataSource = await openReadModelDatabase(url, 2 + names.length * 2);
  const report = { spentMs: {} as Record<string, number>, rowsWritten: {} as Record<string, number> };
  const events = (await store.countAll()) ?? 0;
  const started = performance.now();
  await Promise.all(
    projections.map((projection) =>
      rebuildProjection(instrumented(projection, report), timedReads(store, report.spentMs), dataSource, () => undefined),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  await dataSource.destroy();
  await store.close();
  await pool.end();
  const result: RebuildReport = { names, events, seconds, peakRssMb, ...report };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
