import { createTestDatabase } from '@ledgerline/testing';
import { Pool } from 'pg';
import type { VerificationReport } from './log-audit';
import { VerificationStore } from './verification.store';

const run = (minute: number, from: string | null, ok: boolean): VerificationReport => ({
  startedAt: `2026-12-04T10:${String(minute).padStart(2, '0')}:00.000Z`,
  finishedAt: `2026-12-04T10:${String(minute).padStart(2, '0')}:30.000Z`,
  from,
  through: '100',
  events: 10,
  streams: 2,
  checkpoints: 0,
  preChain: 0,
  complete: true,
  ok,
  breakCount: ok ? 0 : 1,
  breaks: [],
});

describe('the kept verifications', () => {
  it('are set up by processes starting together, and show the newest full run unless a newer run found a break', async () => {
    const database = await createTestDatabase();
    const pool = new Pool({ connectionString: database.url });
    try {
      const stores = [new VerificationStore(pool), new VerificationStore(pool), new VerificationStore(pool)];
      await Promise.all(stores.map((store) => store.setup()));
      const [store] = stores;
      expect(await store.latest()).toBeUndefined();
      await store.record(run(1, '50', true));
      expect(await store.latest()).toEqual(run(1, '50', true));
      await store.record(run(2, null, true));
      await store.record(run(3, '80', true));
      // A run from position 80 says nothing of what came before: the full run stands.
      expect(await store.latest()).toEqual(run(2, null, true));
      await store.record(run(4, '90', false));
      expect(await store.latest()).toEqual(run(4, '90', false));
      await store.record(run(5, null, true));
      expect(await store.latest()).toEqual(run(5, null, true));
    } finally {
      await pool.end();
      await database.drop();
    }
  });
});
