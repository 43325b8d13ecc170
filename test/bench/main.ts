/**
 * `npm run bench`: appends/s and latency of Ledgerline's PostgreSQL event store, Emmett's, and a
 * raw-INSERT baseline, on one PostgreSQL, for 1/8/32 writers on distinct streams and on one hot
 * stream. Method and caveats: docs/benchmarks.md.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkBlock, writeBlock } from './doc-block';
import { measureCell, ratioToBaseline, runOf, summarize, type CellResult, type Round } from './measure';
import { machine, packageVersion, plain, resultsMarkdown, table, type Fact, type Row } from './report';
import { AS_OF_SCENARIO, asOfScenario } from './audit/as-of-bench';
import { ERASURE_SCENARIO, erasureScenario } from './audit/erasure-bench';
import { EXPORT_SCENARIO, exportScenario } from './audit/export-bench';
import { IMPORT_SCENARIO, importScenario } from './import/import-bench';
import { KAFKA_SCENARIOS, kafkaScenarios, type KafkaScenario } from './kafka/kafka-bench';
import { READ_SIDE_SCENARIOS, readSide, type ReadSideScenario } from './read-side/read-side';
import { createDatabase, openServer, serverSettings, type Server } from './server';
import { baseline } from './systems/baseline';
import { emmett } from './systems/emmett';
import { ledgerline } from './systems/ledgerline';
import type { System } from './systems/system';
import type { Shape } from './workload';

const SYSTEMS = [baseline, ledgerline, emmett];
/** The system every other is compared with, within each round. */
const BASELINE = baseline.name;
const SHAPES: readonly Shape[] = ['distinct', 'hot'];
const WRITERS = [1, 8, 32];
/** The same pool size for every system and cell: one connection per writer at most. */
const POOL_SIZE = Math.max(...WRITERS);
/** Appends per cell run [warm-up, measured]: on a hot stream with 32 writers one append costs many attempts. */
const WORK: Record<Shape, readonly [number, number]> = { distinct: [200, 2000], hot: [50, 400] };
/**
 * Every cell runs this many times, spread over the whole run. The table shows each system's median ratio to the
 * baseline (one ratio per round) and its median-throughput run.
 */
const ROUNDS = 3;

const log = (message: string) => console.log(message);

/** The facts that decide what the numbers mean, printed now and written to the doc with the table. */
async function describe(server: Server): Promise<Fact[]> {
  const settings = await serverSettings(server.url);
  const setting = (name: string) => `\`${name}=${settings[name]}\``;
  const version = (name: string) => `\`${name}\` ${packageVersion(name)}`;
  const facts: Fact[] = [
    ['machine', machine()],
    ['Node', process.version],
    ['PostgreSQL', `${settings.server_version}, ${server.where}`],
    ['settings', ['fsync', 'synchronous_commit', 'wal_sync_method', 'shared_buffers', 'max_connections'].map(setting).join(', ')],
    ['drivers', ['pg', '@event-driven-io/emmett', '@event-driven-io/emmett-postgresql', '@event-driven-io/dumbo'].map(version).join(', ')],
    [
      'work',
      `pool of ${POOL_SIZE} connections; appends per cell run (warm-up + measured): ` +
        `distinct ${WORK.distinct.join(' + ')}, hot ${WORK.hot.join(' + ')}; ${ROUNDS} rounds`,
    ],
  ];
  for (const [what, value] of facts) log(`${what}: ${plain(value)}`);
  log('');
  return facts;
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
    const cells = SHAPES.flatMap((shape) => WRITERS.map((writers) => ({ shape, writers, rounds: [] as Round[] })));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const { shape, writers, rounds } of cells) {
        // A cell's systems run back to back, so that their ratio sees the same machine weather; who goes first rotates.
        const runs = new Map<string, CellResult>();
        for (const { system, url } of rotate(prepared, round)) {
          runs.set(system.name, await measureCell(system, url, POOL_SIZE, shape, writers, WORK[shape]));
        }
        rounds.push(runs);
        const line = SYSTEMS.map(({ name }) => {
          const { appendsPerSecond, retries } = runOf(runs, name);
          return `${name} ${appendsPerSecond.toFixed(0)}/s x${ratioToBaseline(runs, name, BASELINE).toFixed(2)} (${retries} retries)`;
        });
        log(`round ${round + 1}/${ROUNDS} ${shape} x${writers}: ${line.join(', ')}`);
      }
    }
    return cells.flatMap(({ shape, writers, rounds }) =>
      SYSTEMS.map(({ name }) => ({ system: name, shape, writers, ...summarize(rounds, name, BASELINE) })),
    );
  } finally {
    for (const database of databases) await database.drop();
  }
}

/** The repository's root: the nearest folder above this file with a package.json (this file also runs compiled, from dist). */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    if (dir === dirname(dir)) throw new Error(`no package.json above ${__dirname}`);
    dir = dirname(dir);
  }
  return dir;
}

const SCENARIOS = [
  'append',
  ...READ_SIDE_SCENARIOS,
  ...KAFKA_SCENARIOS,
  IMPORT_SCENARIO,
  AS_OF_SCENARIO,
  EXPORT_SCENARIO,
  ERASURE_SCENARIO,
] as const;

/** `--only rebuild,queries` runs some scenarios; `--scale 0.05` shrinks the read-side data (its figures then stay out of the doc). */
function options(args: readonly string[]): { only: readonly string[]; scale: number } {
  const value = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const only = value('--only')?.split(',') ?? [...SCENARIOS];
  const unknown = only.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`--only takes ${SCENARIOS.join(', ')}; got ${unknown.join(', ')}`);
  const scale = Number(value('--scale') ?? 1);
  if (!(scale > 0 && scale <= 1)) throw new Error(`--scale must be a number in (0, 1]; got ${value('--scale')}`);
  return { only, scale };
}

async function main(): Promise<void> {
  const started = performance.now();
  const { only, scale } = options(process.argv.slice(2));
  const date = new Date().toISOString().slice(0, 10);
  const doc = join(repositoryRoot(), 'docs', 'benchmarks.md');
  for (const scenario of only) checkBlock(doc, scenario);
  const server = await openServer(log);
  process.once('SIGINT', () => void server.stop().finally(() => process.exit(130)));
  let facts: Fact[];
  let rows: Row[] = [];
  let readSideBlocks = new Map<ReadSideScenario, string>();
  let kafkaBlocks = new Map<KafkaScenario, string>();
  let importBlock: string | undefined;
  let asOfBlock: string | undefined;
  let exportBlock: string | undefined;
  let erasureBlock: string | undefined;
  try {
    facts = await describe(server);
    if (only.includes('append')) {
      rows = await bench(server);
      log(`\n${table(rows)}\n`);
    }
    const readSideScenarios = READ_SIDE_SCENARIOS.filter((scenario) => only.includes(scenario));
    if (readSideScenarios.length > 0) readSideBlocks = await readSide(server, readSideScenarios, scale, log);
    const kafka = KAFKA_SCENARIOS.filter((scenario) => only.includes(scenario));
    if (kafka.length > 0) kafkaBlocks = await kafkaScenarios(server, kafka, scale, repositoryRoot(), log);
    if (only.includes(IMPORT_SCENARIO)) importBlock = await importScenario(server, scale, log);
    if (only.includes(AS_OF_SCENARIO)) asOfBlock = await asOfScenario(server, log);
    if (only.includes(EXPORT_SCENARIO)) exportBlock = await exportScenario(server, scale, log);
    if (only.includes(ERASURE_SCENARIO)) erasureBlock = await erasureScenario(server, scale, log);
  } finally {
    await server.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  log(`Total bench runtime: ${seconds.toFixed(1)} s`);
  if (only.includes('append')) await writeBlock(doc, 'append', resultsMarkdown(date, seconds, facts, rows));
  const blocks: [string, string][] = [
    ...readSideBlocks,
    ...kafkaBlocks,
    ...(importBlock ? [[IMPORT_SCENARIO, importBlock] as [string, string]] : []),
    ...(asOfBlock ? [[AS_OF_SCENARIO, asOfBlock] as [string, string]] : []),
    ...(exportBlock ? [[EXPORT_SCENARIO, exportBlock] as [string, string]] : []),
    ...(erasureBlock ? [[ERASURE_SCENARIO, erasureBlock] as [string, string]] : []),
  ];
  for (const [scenario, markdown] of blocks) {
    log(`\n${markdown}\n`);
    if (scale === 1) await writeBlock(doc, scenario, `Run of ${date} (UTC).\n\n${markdown}`);
  }
  log(scale === 1 ? `Wrote the results to ${doc}` : `Scale ${scale}: the scenarios' results were not written to ${doc}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
