/**
 * `npm run bench`: appends/s and latency of Ledgerline's PostgreSQL event store, Emmett's, and a
 * raw-INSERT baseline, on one PostgreSQL, for 1/8/32 writers on distinct streams and on one hot
 * stream. Method and caveats: docs/benchmarks.md.
 */
import { measureCell, medianRun, type CellResult } from './measure';
import { machine, packageVersion, table, type Row } from './report';
import { createDatabase, openServer, serverSettings, type Server } from './server';
import { baseline } from './systems/baseline';
import { emmett } from './systems/emmett';
import { ledgerline } from './systems/ledgerline';
import type { System } from './systems/system';
import type { Shape } from './workload';

const SYSTEMS = [baseline, ledgerline, emmett];
const SHAPES: readonly Shape[] = ['distinct', 'hot'];
const WRITERS = [1, 8, 32];
/** The same pool size for every system and cell: one connection per writer at most. */
const POOL_SIZE = Math.max(...WRITERS);
/** Appends per cell run [warm-up, measured]: on a hot stream with 32 writers one append costs many attempts. */
const WORK: Record<Shape, readonly [number, number]> = { distinct: [200, 2000], hot: [50, 400] };
/** Every cell runs this many times, spread over the whole run; the table shows each cell's median run. */
const ROUNDS = 3;

const log = (message: string) => console.log(message);

async function describe(server: Server): Promise<void> {
  const settings = await serverSettings(server.url);
  log(`PostgreSQL ${settings.server_version}: ${server.where}`);
  log(`  fsync=${settings.fsync} synchronous_commit=${settings.synchronous_commit} wal_sync_method=${settings.wal_sync_method}`);
  log(`  shared_buffers=${settings.shared_buffers} max_connections=${settings.max_connections}`);
  log(`Machine: ${machine()}`);
  log(`pg ${packageVersion('pg')}, @event-driven-io/emmett-postgresql ${packageVersion('@event-driven-io/emmett-postgresql')}`);
  log(
    `Pool size ${POOL_SIZE}; appends per cell run (warm-up + measured): distinct ${WORK.distinct.join(' + ')}, hot ${WORK.hot.join(' + ')}`,
  );
  log(`${ROUNDS} rounds; the table shows each cell's median run\n`);
}

/** The items, starting at index `by` and wrapping around. */
const rotate = <T>(items: readonly T[], by: number): T[] => items.map((_, index) => items[(index + by) % items.length]);

async function bench(server: Server): Promise<Row[]> {
  const databases: Awaited<ReturnType<typeof createDatabase>>[] = [];
  try {
    // Every system gets its own fresh database, prepared before anything is measured.
    const prepared: { system: System; url: string }[] = [];
    for (const system of SYSTEMS) {
      const database = await createDatabase(server.url, system.name);
      databases.push(database);
      await system.prepare(database.url);
      prepared.push({ system, url: database.url });
    }
    const cells = SHAPES.flatMap((shape) => WRITERS.map((writers) => ({ shape, writers, runs: new Map<string, CellResult[]>() })));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const { shape, writers, runs } of cells) {
        // A cell's systems run back to back, so that their ratio sees the same machine weather; who goes first rotates.
        const line = [];
        for (const { system, url } of rotate(prepared, round)) {
          const result = await measureCell(system, url, POOL_SIZE, shape, writers, WORK[shape]);
          runs.set(system.name, [...(runs.get(system.name) ?? []), result]);
          line.push(`${system.name} ${result.appendsPerSecond.toFixed(0)}/s (${result.retries} retries)`);
        }
        log(`round ${round + 1}/${ROUNDS} ${shape} x${writers}: ${line.join(', ')}`);
      }
    }
    return cells.flatMap(({ shape, writers, runs }) =>
      SYSTEMS.map(({ name }) => ({ system: name, shape, writers, ...medianRun(runs.get(name) ?? []) })),
    );
  } finally {
    for (const database of databases) await database.drop();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const server = await openServer(log);
  process.once('SIGINT', () => void server.stop().finally(() => process.exit(130)));
  try {
    await describe(server);
    log(`\n${table(await bench(server))}\n`);
  } finally {
    await server.stop();
  }
  log(`Total bench runtime: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
