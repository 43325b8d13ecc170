import { projectionHarness, type ProjectionHarness } from '../testing/projection-harness';
import type { Projection, ProjectionTarget } from './projection';
import { openReadModelDatabase } from '../read-model-database';
import { Checkpoints } from './checkpoints';
import { ProjectionRunner } from './projection-runner';

const noted = (type: string) => ({ type, data: {} });

/** Counts events per stream; throws on an event of type Poison (if it handles those), after writing, to prove the rollback. */
const counting = (name: string, handles: readonly string[] = ['Noted', 'Poison']): Projection => ({
  name,
  version: 1,
  // Event types of this test only: the runner treats them as it treats the domain's.
  eventTypes: handles as unknown as Projection['eventTypes'],
  tables: [`public.${name}`],
  async handle(events, target: ProjectionTarget) {
    for (const event of events) {
      await target.sql.query(
        `INSERT INTO ${target.table(`public.${name}`)} (stream_id, events) VALUES ($1, 1)
         ON CONFLICT (stream_id) DO UPDATE SET events = ${target.table(`public.${name}`)}.events + 1`,
        [event.streamId],
      );
      if ((event.type as string) === 'Poison') throw new Error('cannot digest this');
    }
  },
});

describe('ProjectionRunner', () => {
  let harness: ProjectionHarness;
  beforeEach(async () => {
    harness = await projectionHarness();
    for (const name of ['tally', 'other_tally'])
      await harness.rows(`CREATE TABLE ${name} (stream_id text PRIMARY KEY, events integer NOT NULL)`);
  });
  afterEach(() => harness.close());

  const tally = (name = 'tally') =>
    harness.rows<{ stream_id: string; events: number }>(`SELECT stream_id, events FROM ${name} ORDER BY stream_id`);

  it('applies every event exactly once across batches, restarts and redelivery', async () => {
    await harness.given('a', [noted('Noted'), noted('Noted'), noted('Ignored'), noted('Noted')]);
    await harness.given('b', [noted('Noted')]);
    const first = await harness.catchUp(counting('tally'), { batchSize: 2 });
    await first.stop();

    await harness.given('b', [noted('Noted')]);
    await harness.catchUp(counting('tally'), { batchSize: 2 });

    expect(await tally()).toEqual([
      { stream_id: 'a', events: 3 },
      { stream_id: 'b', events: 2 },
    ]);
  });

  it('stops a failing projection at the event that breaks it, leaves its effects out, and lets the others go on', async () => {
    await harness.given('a', [noted('Noted'), noted('Noted')]);
    await harness.given('poisoned', [noted('Poison')]);
    await harness.given('c', [noted('Noted')]);

    await expect(harness.catchUp(counting('tally'), { batchSize: 10 })).rejects.toThrow(
      /Projection tally failed on event Poison .* \(stream poisoned revision 0, position \d+\): cannot digest this/,
    );
    await harness.catchUp(counting('other_tally', ['Noted']));

    expect(await tally()).toEqual([{ stream_id: 'a', events: 2 }]); // everything before the poison, nothing of it
    expect(await tally('other_tally')).toEqual([
      { stream_id: 'a', events: 2 },
      { stream_id: 'c', events: 1 },
    ]);
  });

  it('runs one active runner per projection; a standby takes over when the active one stops', async () => {
    await harness.given('a', [noted('Noted')]);
    const active = await harness.catchUp(counting('tally'));
    const standby = await harness.startRunner(counting('tally'));
    expect(standby.status().state).toBe('standby');

    await active.stop();
    await harness.given('a', [noted('Noted')]);
    await harness.waitForCatchUp(standby);

    expect(standby.status().state).toBe('live');
    expect(await tally()).toEqual([{ stream_id: 'a', events: 2 }]);
  });

  it('frees the lock for another process as soon as the active runner stops, not when its connection idles out', async () => {
    const otherProcess = await openReadModelDatabase(harness.databaseUrl);
    try {
      const active = await harness.catchUp(counting('tally'));
      const standby = new ProjectionRunner(counting('tally'), harness.store, otherProcess, {
        batchSize: 100,
        standbyRetryMs: 50,
        rebuildCheckMs: 50,
        log: () => undefined,
      });
      await standby.start();
      expect(standby.status().state).toBe('standby');
      await active.stop();
      const stoppedAt = Date.now();
      while (standby.status().state !== 'live' && Date.now() - stoppedAt < 3_000) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(standby.status().state).toBe('live');
      await standby.stop();
    } finally {
      await otherProcess.destroy();
    }
  });

  it('moves the checkpoint of a projection without tables (a relay) after each batch it handled, and hands its connection back as it came', async () => {
    const twoConnections = await openReadModelDatabase(harness.databaseUrl, 2); // the lock's and one more
    const checkpoints = new Checkpoints(twoConnections.manager);
    try {
      await harness.given('a', [noted('Noted'), noted('Noted'), noted('Noted'), noted('Noted'), noted('Noted')]);
      const batches: { positions: bigint[]; checkpointBefore: bigint | undefined }[] = [];
      const publisher: Projection = {
        name: 'publisher',
        version: 1,
        eventTypes: ['Noted'] as unknown as Projection['eventTypes'],
        tables: [],
        async handle(events) {
          const checkpointBefore = (await checkpoints.load('publisher'))?.position;
          batches.push({ positions: events.map((event) => event.position), checkpointBefore });
        },
      };
      const runner = new ProjectionRunner(publisher, harness.store, twoConnections, {
        batchSize: 2,
        standbyRetryMs: 50,
        rebuildCheckMs: 50,
        log: () => undefined,
      });
      await runner.start();
      await harness.waitForCatchUp(runner);
      await runner.stop();

      expect(batches.map(({ positions }) => positions.length)).toEqual([2, 2, 1]);
      expect(batches.map(({ checkpointBefore }) => checkpointBefore)).toEqual([
        undefined,
        batches[0].positions[1],
        batches[1].positions[1],
      ]);
      expect((await checkpoints.load('publisher'))?.position).toBe(batches[2].positions[0]);
      // The lock's connection committed its checkpoints without waiting for the WAL flush; back in the pool, it waits again.
      const connections = [twoConnections.createQueryRunner(), twoConnections.createQueryRunner()];
      await Promise.all(connections.map((connection) => connection.connect()));
      const settings = await Promise.all(connections.map((connection) => connection.query(`SHOW synchronous_commit`)));
      await Promise.all(connections.map((connection) => connection.release()));
      expect(settings).toEqual([[{ synchronous_commit: 'on' }], [{ synchronous_commit: 'on' }]]);
    } finally {
      await twoConnections.destroy();
    }
  });

  it('prepares the next batch while one is being applied, and hands handle() the batch it prepared', async () => {
    await harness.given('a', [noted('Noted'), noted('Noted'), noted('Noted'), noted('Noted'), noted('Noted'), noted('Noted')]);
    const prepared: (readonly unknown[])[] = [];
    const preparedDuringHandle: number[] = [];
    const handled: boolean[] = [];
    const lookingAhead: Projection = {
      ...counting('tally'),
      prepare: (events) => void prepared.push(events),
      async handle(events, target) {
        await counting('tally').handle(events, target);
        // The first two batches wait (a second at most) for the batch after them to be prepared.
        const deadline = Date.now() + 1_000;
        while (handled.length < 2 && prepared.length < handled.length + 2 && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 5));
        preparedDuringHandle.push(prepared.length);
        handled.push(prepared.includes(events));
      },
    };

    await harness.catchUp(lookingAhead, { batchSize: 2 });

    expect(preparedDuringHandle).toEqual([2, 3, 3]); // batch n+1 was prepared before batch n was done
    expect(handled).toEqual([true, true, true]); // each handled batch is one that was prepared
    expect(await tally()).toEqual([{ stream_id: 'a', events: 6 }]);
  });

  it('ignores a prepare that throws: the batch is applied by handle() in its turn', async () => {
    await harness.given('a', [noted('Noted'), noted('Noted'), noted('Noted')]);
    const carelessPrepare: Projection = {
      ...counting('tally'),
      prepare() {
        throw new Error('prepared nothing');
      },
    };

    await harness.catchUp(carelessPrepare, { batchSize: 2 });

    expect(await tally()).toEqual([{ stream_id: 'a', events: 3 }]);
  });
});
