import { markdownTable, type Fact } from '../report';
import { createDatabase, type Server } from '../server';
import { startApi, waitForCatchUp } from './api-process';
import { EVENTS_PER_CUSTOMER, loadDemoData, type Load } from './dataset';
import { freshnessMarkdown, freshnessScenario } from './freshness';
import { queryMarkdown, queryScenario } from './queries';
import { rebuildMarkdown, rebuildScenario } from './rebuild';

export const READ_SIDE_SCENARIOS = ['rebuild', 'freshness', 'queries'] as const;
export type ReadSideScenario = (typeof READ_SIDE_SCENARIOS)[number];

const REBUILD_EVENTS = 1_000_000;
const QUERY_CUSTOMERS = 100_000;
const QUERY_RUNS = 200;
const FRESHNESS_RATE = 20;
const FRESHNESS_SECONDS = 30;

const describeLoad = (load: Load) =>
  `${load.events} events in ${load.appends} appends, ${load.seconds.toFixed(1)} s (${Math.round(load.events / load.seconds)} events/s; planning ${load.planSeconds.toFixed(1)} s more)`;

/**
 * The read-side scenarios on one database: the demo plan (apps/cli/src/seed) loaded into the event store, the
 * rebuild of every projection over about 1M events, then the same data grown to 100k customers, the API started on
 * it (its projections catch up), query latency, and freshness under a steady command load.
 * Returns each scenario's Markdown block.
 */
export async function readSide(
  server: Server,
  scenarios: readonly ReadSideScenario[],
  scale: number,
  log: (line: string) => void,
): Promise<Map<ReadSideScenario, string>> {
  const blocks = new Map<ReadSideScenario, string>();
  const end = new Date();
  const database = await createDatabase(server.url, 'read_side');
  let customers = 0;
  const facts = (extra: Fact[]) => markdownTable(['what', 'value'], [['scale', String(scale)], ...extra], () => false);
  try {
    if (scenarios.includes('rebuild')) {
      customers = Math.max(10, Math.round((REBUILD_EVENTS * scale) / EVENTS_PER_CUSTOMER));
      log(`rebuild: loading ${customers} customers of demo data`);
      const load = await loadDemoData(database.url, 0, customers, end, log);
      log(`  ${describeLoad(load)}`);
      const rows = await rebuildScenario(database.url, log);
      blocks.set(
        'rebuild',
        [facts([['data', `demo plan of ${customers} customers: ${describeLoad(load)}`]]), rebuildMarkdown(rows, load)].join('\n\n'),
      );
    }
    if (!scenarios.includes('queries') && !scenarios.includes('freshness')) return blocks;
    const target = Math.max(10, Math.round(QUERY_CUSTOMERS * scale));
    const load = customers < target ? await loadDemoData(database.url, customers, target - customers, end, log) : undefined;
    if (load) log(`queries: grew the data to ${target} customers: ${describeLoad(load)}`);
    const api = await startApi(database.url);
    try {
      const catchUp = await waitForCatchUp(api, log);
      log(`  the API's projections caught up in ${catchUp.toFixed(1)} s`);
      if (scenarios.includes('queries')) {
        const rows = await queryScenario(api, QUERY_RUNS, log);
        blocks.set(
          'queries',
          [
            facts([
              ['data', `demo plan of ${target} customers`],
              ['runs', `${QUERY_RUNS} sequential GETs per query after a warm-up of 20`],
            ]),
            queryMarkdown(rows),
          ].join('\n\n'),
        );
      }
      if (scenarios.includes('freshness')) {
        const seconds = Math.max(5, FRESHNESS_SECONDS * Math.min(1, scale * 4));
        log(`freshness: ${FRESHNESS_RATE} commands/s for ${seconds} s through the API`);
        const rows = await freshnessScenario(api, database.url, FRESHNESS_RATE, seconds);
        for (const row of rows) log(`  ${row.projection}: p50 ${row.p50Ms.toFixed(1)} ms, p99 ${row.p99Ms.toFixed(1)} ms (${row.samples})`);
        blocks.set(
          'freshness',
          [
            facts([
              ['data', `demo plan of ${target} customers`],
              ['load', `${FRESHNESS_RATE} commands/s for ${seconds} s (register customer, open deal, log interaction in turn), open loop`],
            ]),
            freshnessMarkdown(rows),
          ].join('\n\n'),
        );
      }
    } finally {
      await api.stop();
    }
    return blocks;
  } finally {
    await database.drop();
  }
}
