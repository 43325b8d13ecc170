import { EventCodec, type CommandContext } from '@ledgerline/application';
import { PostgresEventStore, type EventToAppend } from '@ledgerline/event-store';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { decidePlan } from '../../../apps/cli/src/seed/decide-plan';
import { planDemoData } from '../../../apps/cli/src/seed/demo-plan';

/** Tuned so that 100k customers come with about 300k deals and 1M interactions. */
export const DATASET = { seed: 1, dealsPerCustomer: 3.4, interactionsPerCustomer: 12 } as const;
/** About how many events one customer of DATASET brings (with its deals and interactions). */
export const EVENTS_PER_CUSTOMER = 30;

const KINDS = ['customer', 'deal', 'interaction'] as const;
const ACTOR = { type: 'system', id: 'bench', roles: [], authMethod: 'internal' } as const;
/** Events planned before they are appended, as one wave: streams of a wave are appended in parallel. */
const WAVE_EVENTS = 50_000;

export type Load = Readonly<{ events: number; appends: number; seconds: number; planSeconds: number }>;

/** Runs `work` over the items with at most `concurrency` at once. */
export async function pooled<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/**
 * Appends customers [first, first + count) of the demo plan to the PostgreSQL event store quickly: the plan runs
 * through the deciders in memory, and the events go to the store through its own append, in waves of about
 * WAVE_EVENTS events. In a wave each stream's events are one append, many streams in parallel; customers go before
 * deals and deals before interactions, so a record never appears in $all before one it refers to.
 */
export async function loadDemoData(url: string, first: number, count: number, end: Date, log: (line: string) => void): Promise<Load> {
  const planStarted = performance.now();
  const steps = planDemoData({ ...DATASET, customers: count, firstCustomer: first, end });
  const planSeconds = (performance.now() - planStarted) / 1000;
  const pool = new Pool({ connectionString: url, max: 32 });
  const store = await PostgresEventStore.open(pool);
  const codec = new EventCodec();
  const revisions = new Map<string, number>();
  const started = performance.now();
  let [events, appends, lastLog] = [0, 0, started];
  try {
    let wave = new Map<string, { kind: (typeof KINDS)[number]; events: EventToAppend[] }>();
    let waveEvents = 0;
    const flush = async () => {
      for (const kind of KINDS) {
        const streams = [...wave].filter(([, entry]) => entry.kind === kind);
        await pooled(streams, 32, async ([streamId, entry]) => {
          const known = revisions.get(streamId);
          await store.append(streamId, entry.events, known ?? 'no-stream');
          revisions.set(streamId, (known ?? -1) + entry.events.length);
          appends += 1;
        });
      }
      events += waveEvents;
      [wave, waveEvents] = [new Map(), 0];
      if (performance.now() - lastLog > 5_000) {
        lastLog = performance.now();
        log(`  loaded ${events} events (${Math.round(events / ((lastLog - started) / 1000))}/s)`);
      }
    };
    for (const { step, streamId, events: decided } of decidePlan(steps)) {
      const context: CommandContext = {
        actor: ACTOR,
        correlationId: randomUUID(),
        causationId: randomUUID(),
        source: 'bench',
        now: step.now,
      };
      const entry = wave.get(streamId) ?? { kind: step.kind, events: [] };
      entry.events.push(...codec.encode(streamId, decided, context));
      wave.set(streamId, entry);
      waveEvents += decided.length;
      if (waveEvents >= WAVE_EVENTS) await flush();
    }
    await flush();
  } finally {
    await store.close();
    await pool.end();
  }
  return { events, appends, seconds: (performance.now() - started) / 1000, planSeconds };
}
