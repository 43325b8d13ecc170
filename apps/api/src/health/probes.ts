import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore } from '@ledgerline/event-store';
import type { Admin } from 'kafkajs';
import type { DataSource } from 'typeorm';

/** A probe that hangs counts as down: a stopped PostgreSQL must not hold a readiness check for the pool's 10 s. */
export async function answersWithin(check: () => Promise<unknown>, deadlineMs = 2_000): Promise<boolean> {
  const timeout = new AbortController();
  try {
    return await Promise.race([
      check().then(
        (answer) => answer !== false,
        () => false,
      ),
      sleep(deadlineMs, false, { signal: timeout.signal }),
    ]);
  } catch {
    return false;
  } finally {
    timeout.abort();
  }
}

export const eventStoreAnswers = (store: EventStore): Promise<boolean> => answersWithin(() => store.ping());

export const readModelsAnswer = (dataSource: DataSource): Promise<boolean> => answersWithin(() => dataSource.query('SELECT 1'));

/** The broker answers a metadata request (a closed admin reconnects on the next probe). */
export const kafkaAnswers = (admin: Admin): Promise<boolean> =>
  answersWithin(async () => {
    await admin.connect();
    return (await admin.describeCluster()).brokers.length > 0;
  }, 3_000);
