import { percentile } from '../measure';
import { markdownTable } from '../report';
import type { ApiProcess } from './api-process';

export type QueryRow = Readonly<{ name: string; path: string; p50Ms?: number; p99Ms?: number; note?: string }>;

const WARMUP = 20;

async function timeGet(api: ApiProcess, path: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await api.fetch(path);
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

/** Defines a typical segment (repeat buyers nobody contacted for 30 days) and waits until its members are decided. */
async function defineSegment(api: ApiProcess): Promise<string | undefined> {
  const rule = {
    all: [
      { fact: 'orderCount', op: 'gte', value: 2 },
      { fact: 'daysSinceLastInteraction', op: 'gte', value: 30 },
    ],
  };
  const response = await api.fetch('/v1/segments', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Repeat buyers to call', rule }),
  });
  if (response.status !== 201) return undefined;
  const { id, position } = (await response.json()) as { id: string; position: string };
  await api.fetch(`/v1/segments/${id}?consistentWith=${position}`);
  return id;
}

/** p50/p99 of each read endpoint over `runs` sequential GETs after a warm-up; endpoints that 404 are skipped with a note. */
export async function queryScenario(api: ApiProcess, runs: number, log: (line: string) => void): Promise<QueryRow[]> {
  const year = new Date().getUTCFullYear();
  const segment = await defineSegment(api);
  const candidates: [string, string | undefined][] = [
    ['pipeline summary', '/v1/pipeline'],
    ['customer list, filtered', '/v1/customers?lifecycleStage=customer&country=DE&tag=vip&sort=name&limit=50'],
    ['KPIs over a year', `/v1/analytics/kpis?from=${year - 1}-01-01&to=${year - 1}-12-31`],
    ['segment members', segment === undefined ? undefined : `/v1/segments/${segment}/members`],
  ];
  const rows: QueryRow[] = [];
  for (const [name, path] of candidates) {
    if (path === undefined) {
      log(`  ${name}: skipped (no segment could be defined)`);
      rows.push({ name, path: '/v1/segments/:id/members', note: 'skipped: no segment could be defined' });
      continue;
    }
    const first = await timeGet(api, path);
    if (first.status !== 200) {
      log(`  ${name}: skipped (GET ${path} answered ${first.status})`);
      rows.push({ name, path, note: `skipped: answered ${first.status}` });
      continue;
    }
    for (let run = 1; run < WARMUP; run += 1) await timeGet(api, path);
    const times: number[] = [];
    for (let run = 0; run < runs; run += 1) times.push((await timeGet(api, path)).ms);
    const row = { name, path, p50Ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99) };
    log(`  ${name}: p50 ${row.p50Ms.toFixed(1)} ms, p99 ${row.p99Ms.toFixed(1)} ms`);
    rows.push(row);
  }
  return rows;
}

export const queryMarkdown = (rows: readonly QueryRow[]): string =>
  markdownTable(
    ['query', 'request', 'p50 ms', 'p99 ms'],
    rows.map((row) => [row.name, `\`GET ${row.path}\``, row.p50Ms?.toFixed(1) ?? row.note ?? '', row.p99Ms?.toFixed(1) ?? '']),
    (column) => column >= 2,
  );
