import { CHECKPOINT_STREAM, SigningKey } from './checkpoint';
import { CheckpointSchedule } from './checkpoint-schedule';
import { auditLog } from './log-audit';
import { chainedLog } from './testing/log-fixture';

const KEY = new SigningKey('k'.repeat(32));
const event = () => ({ id: crypto.randomUUID(), type: 'CustomerRenamed', schemaVersion: 1, data: { name: 'x' }, metadata: {} });

describe('the checkpoint schedule', () => {
  const logged = () => {
    const lines: string[] = [];
    return { lines, log: { info: (line: string) => lines.push(`info: ${line}`), error: (line: string) => lines.push(`error: ${line}`) } };
  };

  it('signs a checkpoint when records changed since its last, and none while they did not', async () => {
    const store = await chainedLog();
    const schedule = new CheckpointSchedule(store, KEY, 60_000, logged().log);
    expect(await schedule.tick()).toMatchObject({ revision: 0, events: 5, streams: 3 });
    expect(await schedule.tick()).toBeUndefined();
    await store.append('customer-b', [event()], 0);
    // The first checkpoint is in the log now: the second states it as a head too.
    expect(await schedule.tick()).toMatchObject({ revision: 1, events: 7, streams: 4 });
    expect(await schedule.tick()).toBeUndefined();
    expect((await auditLog(store, { key: KEY })).report).toMatchObject({ ok: true, checkpoints: 2 });
  });

  it('goes on from its last scan, reading only the events since', async () => {
    const store = await chainedLog();
    const schedule = new CheckpointSchedule(store, KEY, 60_000, logged().log);
    await schedule.tick();
    const reads: (bigint | undefined)[] = [];
    const readAll = store.readAll.bind(store);
    store.readAll = (options) => {
      reads.push(options.after);
      return readAll(options);
    };
    await store.append('deal-x', [event()], 0);
    await schedule.tick();
    const checkpointed = (await store.readStream(CHECKPOINT_STREAM))[0].data.through as string;
    expect(reads[0]).toBe(BigInt(checkpointed));
  });

  it('signs nothing over a log that does not verify, and says so', async () => {
    const store = await chainedLog();
    const { lines, log } = logged();
    const schedule = new CheckpointSchedule(
      Object.assign(store, { readAll: async () => (await store.readStream('customer-a')).slice(1) }),
      KEY,
      60_000,
      log,
    );
    expect(await schedule.tick()).toBeUndefined();
    expect(lines).toEqual([
      expect.stringMatching(
        /^error: No checkpoint: the log does not verify \(1 breaks; the first: revision-gap in customer-a at revision 1\)/,
      ),
    ]);
    expect(await store.readStream(CHECKPOINT_STREAM)).toEqual([]);
  });
});
