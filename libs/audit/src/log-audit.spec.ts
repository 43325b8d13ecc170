import { eventHash, type RecordedEvent } from '@ledgerline/event-store';
import { SYSTEM_ACTOR } from '@ledgerline/application';
import { CHECKPOINT_STREAM, SigningKey } from './checkpoint';
import { auditLog } from './log-audit';
import { LogDoesNotVerify, recordCheckpoint } from './record-checkpoint';
import { chainedLog, tamperedLog } from './testing/log-fixture';

const KEY = new SigningKey('k'.repeat(32));
/** The event with `data` changed in place, as an UPDATE of its row would. */
const edit = (event: RecordedEvent, data: Record<string, unknown>) => Object.assign(event, { data: { ...event.data, ...data } });
const at = (events: RecordedEvent[], streamId: string, revision: number) =>
  events.find((event) => event.streamId === streamId && event.revision === revision) as RecordedEvent;

describe('verifying the log', () => {
  it('given the log as the store chained it, when verified, then every chain holds', async () => {
    const { report } = await auditLog(await chainedLog());
    expect(report).toMatchObject({ ok: true, complete: true, events: 5, streams: 3, checkpoints: 0, breakCount: 0, breaks: [] });
    expect(report.from).toBeNull();
  });

  it('given an event whose data was edited, then the break is that event, with the hash its content has and the one stored', async () => {
    const log = await tamperedLog(await chainedLog(), (events) => {
      edit(at(events, 'customer-a', 1), { name: 'Mallory' });
      return events;
    });
    const { report } = await auditLog(log);
    const edited = (await log.readStream('customer-a'))[1];
    const previous = (await log.readStream('customer-a'))[0].hash;
    expect(report).toMatchObject({ ok: false, breakCount: 1 });
    expect(report.breaks).toEqual([
      {
        problem: 'hash-mismatch',
        streamId: 'customer-a',
        revision: 1,
        position: edited.position.toString(),
        expected: eventHash(previous, edited),
        found: edited.hash,
      },
    ]);
  });

  it('given an edit whose hash was recomputed to match, then the next link of the stream breaks', async () => {
    const log = await tamperedLog(await chainedLog(), (events) => {
      const edited = edit(at(events, 'customer-a', 1), { name: 'Mallory' });
      Object.assign(edited, { hash: eventHash(at(events, 'customer-a', 0).hash, edited) });
      return events;
    });
    const { report } = await auditLog(log);
    expect(report.breaks.map(({ problem, streamId, revision }) => [problem, streamId, revision])).toEqual([
      ['hash-mismatch', 'customer-a', 2],
    ]);
  });

  it('given an event removed from the middle of a stream, then the revision after it is a gap', async () => {
    const log = await tamperedLog(await chainedLog(), (events) => events.filter((event) => event !== at(events, 'customer-a', 1)));
    const { report } = await auditLog(log);
    expect(report.breaks).toEqual([
      expect.objectContaining({
        problem: 'revision-gap',
        streamId: 'customer-a',
        revision: 2,
        expected: 'revision 1',
        found: 'revision 2',
      }),
    ]);
  });

  it('given a stream whose first events have no hash (stored before chains), then they are counted apart, and the chain starts after them', async () => {
    const store = await chainedLog();
    const unhashed = await tamperedLog(store, (events) => {
      // As an EventStoreDB log written before the upgrade reads: then the next append chained on "".
      Object.assign(at(events, 'customer-a', 0), { hash: '' });
      Object.assign(at(events, 'customer-a', 1), { hash: '' });
      const next = at(events, 'customer-a', 2);
      return events.map((event) => (event === next ? { ...next, hash: eventHash('', next) } : event));
    });
    expect((await auditLog(unhashed)).report).toMatchObject({ ok: true, preChain: 2 });
    const removed = await tamperedLog(store, (events) => {
      Object.assign(at(events, 'customer-a', 1), { hash: '' });
      return events;
    });
    expect((await auditLog(removed)).report.breaks.map(({ problem, revision, found }) => [problem, revision, found])).toEqual([
      ['hash-mismatch', 1, ''],
      ['hash-mismatch', 2, expect.any(String)],
    ]);
  });

  it('given a start position, then it checks from there on, chaining on the stored predecessors', async () => {
    const store = await chainedLog();
    const all = await store.readAll({ limit: 10 });
    const fromFourth = await auditLog(store, { from: { position: all[3].position } });
    expect(fromFourth.report).toMatchObject({ ok: true, events: 2, streams: 2, from: all[3].position.toString() });
    const edited = await tamperedLog(store, (events) => {
      edit(at(events, 'customer-a', 2), { note: 'added' });
      return events;
    });
    expect((await auditLog(edited, { from: { position: all[3].position } })).report.breaks.map(({ revision }) => revision)).toEqual([2]);
  });
});

describe('signed checkpoints', () => {
  const checkpointed = async () => {
    const store = await chainedLog();
    const checkpoint = await recordCheckpoint(store, KEY, { actor: SYSTEM_ACTOR, source: 'test' });
    return { store, checkpoint };
  };

  it('given a checkpoint, then it states the heads through the last position read, and verification checks it', async () => {
    const { store, checkpoint } = await checkpointed();
    const all = await store.readAll({ limit: 10 });
    expect(checkpoint).toMatchObject({ through: all[4].position.toString(), streams: 3, events: 5, revision: 0, keyId: KEY.id });
    expect(all[5]).toMatchObject({ streamId: CHECKPOINT_STREAM, data: expect.objectContaining({ root: checkpoint?.root }) });
    const { report } = await auditLog(store, { key: KEY });
    expect(report).toMatchObject({ ok: true, checkpoints: 1, streams: 4, events: 6 });
  });

  it('given a whole stream deleted, when verified, then the chains hold and the checkpoint does not', async () => {
    const { store, checkpoint } = await checkpointed();
    const log = await tamperedLog(store, (events) => events.filter((event) => event.streamId !== 'customer-b'));
    const { report } = await auditLog(log, { key: KEY });
    expect(report.breaks).toEqual([
      {
        problem: 'checkpoint-root',
        streamId: CHECKPOINT_STREAM,
        revision: 0,
        position: checkpoint?.through,
        expected: `root ${checkpoint?.root} over 3 streams and 5 events`,
        found: expect.stringMatching(/^root [0-9a-f]{64} over 2 streams and 4 events$/),
      },
    ]);
  });

  it('given a checkpoint, when verified without its key or with another, then its signature is not taken on trust', async () => {
    const { store } = await checkpointed();
    const other = new SigningKey('o'.repeat(32));
    const problems = async (key?: SigningKey) =>
      (await auditLog(store, { key })).report.breaks.map(({ problem, found }) => [problem, found]);
    expect(await problems()).toEqual([['checkpoint-signature', 'no AUDIT_SIGNING_KEY to check it with']]);
    expect(await problems(other)).toEqual([['checkpoint-signature', `key ${other.id}`]]);
  });

  it('given a checkpoint whose root was rewritten, then its signature no longer matches', async () => {
    const { store } = await checkpointed();
    const log = await tamperedLog(store, (events) => {
      const checkpoint = events.find((event) => event.streamId === CHECKPOINT_STREAM) as RecordedEvent;
      edit(checkpoint, { root: '0'.repeat(64) });
      return events;
    });
    const { report } = await auditLog(log, { key: KEY });
    expect(report.breaks.map(({ problem, found }) => [problem, found])).toEqual([
      ['checkpoint-signature', 'another signature'],
      ['hash-mismatch', expect.any(String)],
    ]);
  });

  it('given a broken log, then no checkpoint is signed over it', async () => {
    const store = await chainedLog();
    await store.append('customer-b', [{ id: crypto.randomUUID(), type: 'CustomerRenamed', schemaVersion: 1, data: {}, metadata: {} }], 0);
    const broken = Object.assign(Object.create(store) as typeof store, await tamperedLog(store, (events) => events.slice(1)));
    await expect(recordCheckpoint(broken, KEY, { actor: SYSTEM_ACTOR, source: 'test' })).rejects.toBeInstanceOf(LogDoesNotVerify);
    expect(await store.readStream(CHECKPOINT_STREAM)).toEqual([]);
  });
});
