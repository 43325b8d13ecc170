import { PROJECTIONS } from '@ledgerline/projections';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { percentile } from '../measure';
import { markdownTable } from '../report';
import type { ApiProcess } from './api-process';

export type FreshnessRow = Readonly<{ projection: string; p50Ms: number; p99Ms: number; samples: number }>;

const POLL_MS = 2;

type Waiter = { target: bigint; answeredAt: number; pending: Set<string>; delays: Map<string, number> };

async function post(api: ApiProcess, path: string, body: object): Promise<{ id: string; position: string }> {
  const response = await api.fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; position: string };
}

/**
 * Commands at a fixed rate (open loop: each starts on schedule, whether or not the previous one answered), cycling
 * through registering a customer, opening a deal and logging an interaction. For each, the time from its 201 until
 * each projection's checkpoint reaches the position the answer named, polled every POLL_MS on the database.
 */
export async function freshnessScenario(api: ApiProcess, databaseUrl: string, rate: number, seconds: number): Promise<FreshnessRow[]> {
  const names = PROJECTIONS.map((projection) => projection.name);
  const waiters = new Set<Waiter>();
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const { rows } = await client.query<{ name: string; position: string | null }>(
        `SELECT name, position::text AS position FROM projection_checkpoints`,
      );
      const now = performance.now();
      for (const { name, position } of rows) {
        if (position === null) continue;
        for (const waiter of waiters) {
          if (waiter.pending.has(name) && BigInt(position) >= waiter.target) {
            waiter.pending.delete(name);
            waiter.delays.set(name, now - waiter.answeredAt);
          }
        }
      }
      for (const waiter of waiters) if (waiter.pending.size === 0) waiters.delete(waiter);
      await sleep(POLL_MS);
    }
  })();
  const done: Waiter[] = [];
  const customers: string[] = [];
  const command = async (index: number) => {
    const kind = customers.length === 0 ? 0 : index % 3;
    const customerId = customers[customers.length - 1];
    const answer =
      kind === 0
        ? await post(api, '/v1/customers', { kind: 'company', name: `Freshness ${index}`, email: `f${index}@fresh.example`, country: 'DE' })
        : kind === 1
          ? await post(api, '/v1/deals', { customerId, title: `Deal ${index}`, amount: '1000.00', currency: 'EUR' })
          : await post(api, '/v1/interactions', {
              customerId,
              channel: 'email',
              direction: 'inbound',
              occurredAt: new Date().toISOString(),
            });
    if (kind === 0) customers.push(answer.id);
    const waiter: Waiter = { target: BigInt(answer.position), answeredAt: performance.now(), pending: new Set(names), delays: new Map() };
    waiters.add(waiter);
    done.push(waiter);
  };
  const started = performance.now();
  const total = Math.max(3, Math.round(rate * seconds));
  const inFlight: Promise<void>[] = [];
  for (let index = 0; index < total; index += 1) {
    await sleep(Math.max(0, started + (index * 1000) / rate - performance.now()));
    inFlight.push(command(index));
    // A customer must exist before the first deal: the very first command is awaited.
    if (index === 0) await inFlight[0];
  }
  await Promise.all(inFlight);
  for (const deadline = performance.now() + 30_000; waiters.size > 0 && performance.now() < deadline;) await sleep(50);
  polling = false;
  await poller;
  await client.end();
  return names.map((projection) => {
    const delays = done.flatMap((waiter) => (waiter.delays.has(projection) ? [waiter.delays.get(projection) as number] : []));
    return { projection, p50Ms: percentile(delays, 0.5), p99Ms: percentile(delays, 0.99), samples: delays.length };
  });
}

export const freshnessMarkdown = (rows: readonly FreshnessRow[]): string =>
  markdownTable(
    ['read model', 'p50 ms', 'p99 ms', 'commands'],
    rows.map((row) => [row.projection, row.p50Ms.toFixed(1), row.p99Ms.toFixed(1), String(row.samples)]),
    (column) => column >= 1,
  );
