import { DeciderRunner, EventCodec, RecordReader, streamIds } from '@ledgerline/application';
import { customerDecider } from '@ledgerline/domain';
import { PostgresEventStore } from '@ledgerline/event-store';
import { randomUUID } from 'node:crypto';
import { benchContext, customerCommand } from './customer-commands';
import { median } from '../measure';
import { markdownTable } from '../report';
import { createDatabase, type Server } from '../server';

export const AS_OF_SCENARIO = 'as-of';
const EVENTS = 1_000;
const READS = 200;
const ROUNDS = 3;

const context = benchContext(['sales']);
const command = customerCommand;

type Reader = Readonly<{ what: string; read: () => Promise<unknown> }>;

/** Median milliseconds of one read, over READS reads after a warm-up of a tenth of them. */
async function latency(read: () => Promise<unknown>): Promise<number> {
  for (let warm = 0; warm < READS / 10; warm++) await read();
  const times: number[] = [];
  for (let n = 0; n < READS; n++) {
    const started = performance.now();
    await read();
    times.push(performance.now() - started);
  }
  return median(times);
}

/**
 * A customer with 1,000 events (its profile and tags changed again and again), read as it is now (the baseline:
 * the stream folded by its decider, as a command loads it) and as it was at points of its history, by revision, by
 * instant, and as a diff. Each round measures every read back to back; x baseline is its time over the baseline's.
 */
export async function asOfScenario(server: Server, log: (message: string) => void): Promise<string> {
  const database = await createDatabase(server.url, 'as_of');
  const store = await PostgresEventStore.open(database.url);
  try {
    const codec = new EventCodec();
    const runner = new DeciderRunner(store, codec, 1);
    const id = randomUUID();
    const stream = streamIds.customer(id);
    await runner.execute(customerDecider, stream, command('RegisterCustomer', { customerId: id, kind: 'company', name: 'Acme' }), context);
    for (let n = 1; n < EVENTS; n++) {
      const change =
        n % 3 === 0
          ? command('UpdateCustomerProfile', { customerId: id, name: `Acme ${n}` })
          : command(n % 3 === 1 ? 'AddCustomerTags' : 'RemoveCustomerTags', { customerId: id, tags: ['vip'] });
      await runner.execute(customerDecider, stream, change, context);
    }
    const events = await store.readStream(stream);
    const middle = events[Math.floor(events.length / 2)].recordedAt;
    const reader = new RecordReader(runner, codec, store);
    const reads: Reader[] = [
      { what: 'current state (baseline)', read: () => reader.current('customer', id) },
      { what: 'as of the latest revision', read: () => reader.asOf('customer', id, { revision: events.length - 1 }) },
      { what: 'as of an instant mid-history', read: () => reader.asOf('customer', id, { instant: middle }) },
      { what: 'diff of the whole history', read: () => reader.diff('customer', id, undefined, undefined) },
    ];
    const rounds: number[][] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const times: number[] = [];
      for (const { read } of reads) times.push(await latency(read));
      rounds.push(times);
      log(
        `round ${round + 1}/${ROUNDS} as-of: ${reads.map(({ what }, n) => `${what} ${times[n].toFixed(2)} ms x${(times[n] / times[0]).toFixed(2)}`).join(', ')}`,
      );
    }
    const rows = reads.map(({ what }, n) => [
      what,
      median(rounds.map((times) => times[n])).toFixed(2),
      median(rounds.map((times) => times[n] / times[0])).toFixed(2),
    ]);
    return [
      `A customer with ${events.length} events; ${READS} reads each, ${ROUNDS} rounds, medians.`,
      '',
      markdownTable(['read', 'ms per read', 'x baseline'], rows, (column) => column > 0),
    ].join('\n');
  } finally {
    await store.close();
    await database.drop();
  }
}
