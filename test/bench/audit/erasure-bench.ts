import { randomBytes, randomUUID } from 'node:crypto';
import { DeciderRunner, EraseCustomerDataHandler, EraseCustomerData, EventCodec, streamIds } from '@ledgerline/application';
import { customerDecider } from '@ledgerline/domain';
import { PostgresEventStore } from '@ledgerline/event-store';
import { Keyring, LocalMasterKey, PersonalDataSealer, PostgresSubjectKeyStore, ProtectedEventStore } from '@ledgerline/privacy';
import { Pool } from 'pg';
import { benchContext, customerCommand } from './customer-commands';
import { median, percentile } from '../measure';
import { markdownTable } from '../report';
import { createDatabase, type Server } from '../server';

export const ERASURE_SCENARIO = 'erasure';
const CUSTOMERS = 100_000;
const BATCH = 1_000;
const COMMANDS = 100;
const ROUNDS = 3;

const context = benchContext(['admin']);
const command = customerCommand;

/** Milliseconds of each run of `work` over its own customer. */
async function timed(customers: readonly string[], work: (customerId: string) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (const customerId of customers) {
    const started = performance.now();
    await work(customerId);
    times.push(performance.now() - started);
  }
  return times;
}

/**
 * 100,000 customers (a person each: name, e-mail, phone sealed under a key of its own), then erasures of one customer
 * at a time (key destroyed, CustomerErased appended), against the baseline of a profile update of another customer
 * through the same runner and store (load, decide, seal, append). Rounds alternate the two, each on fresh customers.
 */
export async function erasureScenario(server: Server, scale: number, log: (message: string) => void): Promise<string> {
  const database = await createDatabase(server.url, 'erasure');
  const pool = new Pool({ connectionString: database.url, max: 4 });
  const keys = await PostgresSubjectKeyStore.open(pool);
  const keyring = new Keyring(keys, new LocalMasterKey(randomBytes(32)));
  const store = new ProtectedEventStore(await PostgresEventStore.open(pool), new PersonalDataSealer(keyring));
  try {
    const codec = new EventCodec();
    const runner = new DeciderRunner(store, codec, 1);
    const total = Math.round(CUSTOMERS * scale);
    const ids = Array.from({ length: total }, () => randomUUID());
    const seeding = performance.now();
    for (let start = 0; start < total; start += BATCH) {
      const requests = ids.slice(start, start + BATCH).map((customerId, n) => {
        const registered = customerDecider.decide(
          command('RegisterCustomer', {
            customerId,
            kind: 'person',
            name: `Person ${start + n}`,
            email: `p${start + n}@example.org`,
            phone: '+49 30 1234567',
          }),
          customerDecider.initialState(),
        );
        const streamId = streamIds.customer(customerId);
        return { streamId, events: codec.encode(streamId, registered, context, customerId), expected: 'no-stream' as const };
      });
      await store.appendMany(requests);
    }
    log(`erasure: ${total} customers sealed and stored in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
    const erase = new EraseCustomerDataHandler(runner, keyring);
    const picked = ids.filter((_, n) => n % Math.floor(total / (2 * COMMANDS * ROUNDS)) === 0);
    const rounds: { update: number[]; erasure: number[] }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const mine = picked.slice(round * 2 * COMMANDS, (round + 1) * 2 * COMMANDS);
      const update = await timed(mine.slice(0, COMMANDS), (customerId) =>
        runner.execute(
          customerDecider,
          streamIds.customer(customerId),
          command('UpdateCustomerProfile', { customerId, email: 'new@example.org' }),
          context,
        ),
      );
      const erasure = await timed(mine.slice(COMMANDS), (customerId) =>
        erase.execute(new EraseCustomerData(command('EraseCustomer', { customerId, legalBasis: 'consent-withdrawn' }), context)),
      );
      rounds.push({ update, erasure });
      log(`round ${round + 1}/${ROUNDS} erasure: update p50 ${median(update).toFixed(2)} ms, erasure p50 ${median(erasure).toFixed(2)} ms`);
    }
    const row = (what: string, of: (round: { update: number[]; erasure: number[] }) => number[]) => [
      what,
      median(rounds.map((round) => median(of(round)))).toFixed(2),
      median(rounds.map((round) => percentile(of(round), 0.99))).toFixed(2),
      median(rounds.map((round) => Math.max(...of(round)))).toFixed(2),
      median(rounds.map((round) => median(of(round)) / median(round.update))).toFixed(2),
    ];
    return [
      `${total.toLocaleString('en')} customers with sealed personal data; ${COMMANDS} commands of each kind per round, ${ROUNDS} rounds, medians.`,
      'An erasure is the request as the API runs it: the key destroyed, then CustomerErased appended (the read models scrub after).',
      '',
      markdownTable(
        ['command', 'p50 ms', 'p99 ms', 'max ms', 'x baseline (p50)'],
        [row('profile update (baseline)', (round) => round.update), row('erasure', (round) => round.erasure)],
        (column) => column > 0,
      ),
    ].join('\n');
  } finally {
    await store.close();
    await keys.close();
    await pool.end();
    await database.drop();
  }
}
