import { randomUUID } from 'node:crypto';
import {
  DuplicateEventId,
  WrongExpectedRevision,
  type EventStore,
  type EventText,
  type ExpectedRevision,
  type RecordedEvent,
} from '../event-store.port';
import { eventHash, eventTextOf, GENESIS_HASH } from '../hash-chain';
import { headOfAll, newEvent, newEvents, newStreamId, readAllOf, readAllPages, recordingSubscription, until } from './contract-helpers';

export type EventStoreFixture = Readonly<{
  store: EventStore;
  /** Runs after store.close(), e.g. to drop a test database. */
  teardown?: () => Promise<void>;
}>;

export type ContractOptions = Readonly<{
  /** Whether an event id stored in another stream is refused with DuplicateEventId (EventStoreDB accepts it). Default true. */
  refusesIdsOfOtherStreams?: boolean;
}>;

/** Each event's hash covers its content and its predecessor's hash, from the genesis on. */
const expectIntactChain = (events: readonly RecordedEvent[]) => {
  let previous = GENESIS_HASH;
  for (const event of events) {
    expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
    expect({ revision: event.revision, chained: eventHash(previous, event) === event.hash }).toEqual({
      revision: event.revision,
      chained: true,
    });
    previous = event.hash;
  }
};

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/**
 * What every EventStore adapter must do. One store serves the suite and may hold others' events (a
 * shared EventStoreDB): each test writes to fresh streams and reads $all after a position of its own.
 */
export function eventStoreContract(name: string, setup: () => Promise<EventStoreFixture>, options: ContractOptions = {}): void {
  describe(`EventStore contract: ${name}`, () => {
    let fixture: EventStoreFixture | undefined;
    let store: EventStore;

    beforeAll(async () => {
      fixture = await setup();
      store = fixture.store;
    });

    afterAll(async () => {
      await fixture?.store.close();
      await fixture?.teardown?.();
    });

    describe('append', () => {
      it('starts a new stream at revision 0 when expecting no stream', async () => {
        const stream = newStreamId();
        const events = newEvents(3);
        const result = await store.append(stream, events, 'no-stream');
        expect(result.nextExpectedRevision).toBe(2);
        const stored = await store.readStream(stream);
        expect(stored.map((event) => [event.id, event.revision, event.streamId])).toEqual(
          events.map((event, index) => [event.id, index, stream]),
        );
        expect(stored[2].position).toBe(result.position);
        expect(stored[0].recordedAt).toBeInstanceOf(Date);
      });

      it('refuses no-stream when the stream exists, telling its actual revision', async () => {
        const stream = newStreamId();
        await store.append(stream, newEvents(2), 'no-stream');
        const error = await rejection(store.append(stream, [newEvent()], 'no-stream'));
        expect(error).toBeInstanceOf(WrongExpectedRevision);
        expect(error).toMatchObject({ streamId: stream, expected: 'no-stream', actual: 1 });
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('appends at the exact revision and refuses a stale one with the actual revision', async () => {
        const stream = newStreamId();
        expect(await rejection(store.append(stream, [newEvent()], 0))).toMatchObject({ expected: 0, actual: 'no-stream' });
        await store.append(stream, newEvents(2), 'no-stream');
        expect((await store.append(stream, [newEvent()], 1)).nextExpectedRevision).toBe(2);
        const error = await rejection(store.append(stream, [newEvent()], 1));
        expect(error).toBeInstanceOf(WrongExpectedRevision);
        expect(error).toMatchObject({ streamId: stream, expected: 1, actual: 2 });
      });

      it("appends with 'any' whether or not the stream exists", async () => {
        const stream = newStreamId();
        expect((await store.append(stream, newEvents(2), 'any')).nextExpectedRevision).toBe(1);
        expect((await store.append(stream, newEvents(1), 'any')).nextExpectedRevision).toBe(2);
        expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([0, 1, 2]);
      });

      it.each<ExpectedRevision>(['no-stream', 0])(
        'treats a retried append (same event ids, expecting %p) as a no-op returning the first result',
        async (expected) => {
          const stream = newStreamId();
          if (expected !== 'no-stream') await store.append(stream, [newEvent()], 'no-stream');
          const events = newEvents(2);
          const first = await store.append(stream, events, expected);
          await store.append(stream, [newEvent()], first.nextExpectedRevision);
          expect(await store.append(stream, events, expected)).toEqual(first);
          const stored = await store.readStream(stream);
          expect(stored.map((event) => event.id)).toEqual([...new Set(stored.map((event) => event.id))]);
          expect(stored).toHaveLength(expected === 'no-stream' ? 3 : 4);
        },
      );

      it('answers a retry that races the original append with the same result, storing the events once', async () => {
        const stream = newStreamId();
        const events = newEvents(2);
        const [first, retry] = await Promise.all([store.append(stream, events, 'no-stream'), store.append(stream, events, 'no-stream')]);
        expect(retry).toEqual(first);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      if (options.refusesIdsOfOtherStreams ?? true) {
        it('refuses event ids already stored in another stream', async () => {
          const [event] = newEvents(1);
          await store.append(newStreamId(), [event], 'no-stream');
          const other = newStreamId();
          expect(await rejection(store.append(other, [event], 'no-stream'))).toBeInstanceOf(DuplicateEventId);
          expect(await store.readStream(other)).toEqual([]);
        });
      }
    });

    describe('appendMany', () => {
      it('stores each request as append would, answering in request order', async () => {
        const [fresh, existing] = [newStreamId(), newStreamId()];
        await store.append(existing, newEvents(2), 'no-stream');
        const [freshEvents, existingEvents] = [newEvents(3), newEvents(1)];

        const outcomes = await store.appendMany([
          { streamId: fresh, events: freshEvents, expected: 'no-stream' },
          { streamId: existing, events: existingEvents, expected: 1 },
        ]);

        expect(outcomes.map((outcome) => outcome.ok && outcome.result.nextExpectedRevision)).toEqual([2, 2]);
        const [stored, extended] = [await store.readStream(fresh), await store.readStream(existing)];
        expect(stored.map((event) => event.id)).toEqual(freshEvents.map((event) => event.id));
        expect(extended.map((event) => event.revision)).toEqual([0, 1, 2]);
        expect(outcomes[0].ok && outcomes[0].result.position).toBe(stored[2].position);
        expect(outcomes[1].ok && outcomes[1].result.position).toBe(extended[2].position);
      });

      it('refuses only the requests whose stream is elsewhere, and stores the others', async () => {
        const [taken, free, stale] = [newStreamId(), newStreamId(), newStreamId()];
        await store.append(taken, newEvents(1), 'no-stream');
        await store.append(stale, newEvents(2), 'no-stream');

        const outcomes = await store.appendMany([
          { streamId: taken, events: newEvents(1), expected: 'no-stream' },
          { streamId: free, events: newEvents(2), expected: 'no-stream' },
          { streamId: stale, events: newEvents(1), expected: 0 },
        ]);

        expect(outcomes.map((outcome) => outcome.ok)).toEqual([false, true, false]);
        expect(outcomes[0]).toMatchObject({ ok: false, error: { streamId: taken, expected: 'no-stream', actual: 0 } });
        expect(!outcomes[2].ok && outcomes[2].error).toBeInstanceOf(WrongExpectedRevision);
        expect(await store.readStream(taken)).toHaveLength(1);
        expect(await store.readStream(free)).toHaveLength(2);
        expect(await store.readStream(stale)).toHaveLength(2);
      });

      it('answers a retried batch with the first results, storing nothing twice', async () => {
        const requests = [newStreamId(), newStreamId()].map((streamId) => ({
          streamId,
          events: newEvents(2),
          expected: 'no-stream' as const,
        }));
        const first = await store.appendMany(requests);

        expect(await store.appendMany(requests)).toEqual(first);
        for (const { streamId } of requests) expect(await store.readStream(streamId)).toHaveLength(2);
      });

      it('keeps each request whole and in order in $all', async () => {
        const before = await headOfAll(store);
        const requests = [newStreamId(), newStreamId(), newStreamId()].map((streamId) => ({
          streamId,
          events: newEvents(3),
          expected: 'any' as const,
        }));
        await store.appendMany(requests);

        const ours = await readAllOf(
          store,
          requests.map((request) => request.streamId),
          before,
          9,
        );
        for (const { streamId, events } of requests) {
          expect(ours.filter((event) => event.streamId === streamId).map((event) => event.id)).toEqual(events.map((event) => event.id));
        }
      });

      it('lets one of many batches racing for the same new streams store each stream, refusing the rest per stream', async () => {
        const streams = Array.from({ length: 5 }, newStreamId);
        const batches = await Promise.all(
          Array.from({ length: 6 }, () =>
            store.appendMany(streams.map((streamId) => ({ streamId, events: newEvents(1), expected: 'no-stream' }))),
          ),
        );

        for (const [index, streamId] of streams.entries()) {
          expect(batches.filter((outcomes) => outcomes[index].ok)).toHaveLength(1);
          expect(batches.every((outcomes) => outcomes[index].ok || outcomes[index].error instanceof WrongExpectedRevision)).toBe(true);
          expect(await store.readStream(streamId)).toHaveLength(1);
        }
      });

      it('refuses a call that names one stream twice, storing nothing', async () => {
        const stream = newStreamId();
        const twice = [newEvents(1), newEvents(1)].map((events) => ({ streamId: stream, events, expected: 'any' as const }));
        await expect(store.appendMany(twice)).rejects.toThrow(/appears twice/);
        expect(await store.readStream(stream)).toEqual([]);
      });
    });

    describe('readStreams', () => {
      it('reads whole streams at once, oldest first, with [] for a stream that does not exist', async () => {
        const [first, second, missing] = [newStreamId(), newStreamId(), newStreamId()];
        await store.append(first, newEvents(3), 'no-stream');
        await store.append(second, newEvents(1), 'no-stream');

        const streams = await store.readStreams([first, second, missing]);

        expect([...streams.keys()].sort()).toEqual([first, second, missing].sort());
        expect(streams.get(first)).toEqual(await store.readStream(first));
        expect(streams.get(second)?.map((event) => event.revision)).toEqual([0]);
        expect(streams.get(missing)).toEqual([]);
      });
    });

    describe('readStream', () => {
      let stream: string;
      const revisions = async (...args: Parameters<EventStore['readStream']>) =>
        (await store.readStream(...args)).map((event) => event.revision);

      beforeAll(async () => {
        stream = newStreamId();
        await store.append(stream, newEvents(5), 'no-stream');
      });

      it('reads forwards or backwards, from a revision (inclusive), at most maxCount events', async () => {
        expect(await revisions(stream)).toEqual([0, 1, 2, 3, 4]);
        expect(await revisions(stream, { direction: 'backwards' })).toEqual([4, 3, 2, 1, 0]);
        expect(await revisions(stream, { fromRevision: 2 })).toEqual([2, 3, 4]);
        expect(await revisions(stream, { direction: 'backwards', fromRevision: 2 })).toEqual([2, 1, 0]);
        expect(await revisions(stream, { maxCount: 2 })).toEqual([0, 1]);
        expect(await revisions(stream, { direction: 'backwards', maxCount: 2 })).toEqual([4, 3]);
        expect(await revisions(stream, { fromRevision: 1, maxCount: 2 })).toEqual([1, 2]);
        expect(await revisions(stream, { fromRevision: 5 })).toEqual([]);
      });

      it('returns [] for a stream that does not exist', async () => {
        expect(await store.readStream(newStreamId())).toEqual([]);
        expect(await store.readStream(newStreamId(), { direction: 'backwards' })).toEqual([]);
      });
    });

    describe('readAll', () => {
      it('counts $all as appends add to it, where the store can count cheaply', async () => {
        const before = await store.countAll();
        await store.append(newStreamId(), newEvents(3), 'no-stream');
        const after = await store.countAll();
        if (before === undefined)
          expect(after).toBeUndefined(); // the adapter says it cannot count
        else expect(after).toBe(before + 3);
      });

      it('returns the events after a position in append order, strictly increasing positions, paged by limit', async () => {
        const [a, b, c] = [newStreamId(), newStreamId(), newStreamId()];
        const start = await headOfAll(store);
        const appended = [
          { stream: a, events: newEvents(2) },
          { stream: b, events: newEvents(1) },
          { stream: a, events: newEvents(1) },
          { stream: c, events: newEvents(3) },
        ];
        const results = [];
        for (const { stream, events } of appended) results.push(await store.append(stream, events, 'any'));

        const all = await readAllOf(store, [a, b, c], start, 7);
        expect(all.map((event) => event.id)).toEqual(appended.flatMap(({ events }) => events.map((event) => event.id)));
        for (const [index, event] of all.entries()) if (index > 0) expect(event.position > all[index - 1].position).toBe(true);
        expect(all[0].position > start).toBe(true);
        expect(all[6].position).toBe(results[3].position);
        expect(await store.readStream(a)).toEqual(all.filter((event) => event.streamId === a));

        const paged = (await readAllPages(store, start, 3)).filter((event) => [a, b, c].includes(event.streamId));
        expect(paged).toEqual(all);
        expect(await store.readAll({ after: start, limit: 2 })).toHaveLength(2);
      });
    });

    describe('subscribeAll', () => {
      it('catches up, then delivers later appends live, in order, until stopped', async () => {
        const stream = newStreamId();
        const start = await headOfAll(store);
        const past = newEvents(3);
        await store.append(stream, past, 'no-stream');
        const { received, subscription } = recordingSubscription(store, start, [stream]);
        try {
          await until(() => received.length === 3, 'the catch-up');
          const live = [newEvents(1), newEvents(2)];
          await store.append(stream, live[0], 2);
          await store.append(stream, live[1], 3);
          await until(() => received.length === 6, 'the live events');
          expect(received.map((event) => event.id)).toEqual([...past, ...live.flat()].map((event) => event.id));
          expect(received.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4, 5]);
        } finally {
          await subscription.stop();
        }
        await store.append(stream, newEvents(1), 5);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(received).toHaveLength(6);
      });

      it('stops and reports the error when the handler throws', async () => {
        const stream = newStreamId();
        const start = await headOfAll(store);
        const failure = new Error('handler failed');
        const errors: unknown[] = [];
        let calls = 0;
        const subscription = store.subscribeAll(
          start,
          async (event) => {
            if (event.streamId !== stream) return;
            calls += 1;
            throw failure;
          },
          (error) => errors.push(error),
        );
        try {
          await store.append(stream, newEvents(2), 'no-stream');
          await until(() => errors.length > 0, 'the handler error');
          expect(errors).toEqual([failure]);
          expect(calls).toBe(1);
        } finally {
          await subscription.stop();
        }
      });
    });

    describe('hash chain', () => {
      it('chains every append on its stream: new, at a revision, with any, and in appendMany', async () => {
        const [stream, other] = [newStreamId(), newStreamId()];
        await store.append(stream, newEvents(2), 'no-stream');
        await store.append(stream, newEvents(1), 1);
        await store.append(stream, newEvents(2), 'any');
        await store.appendMany([
          { streamId: stream, events: newEvents(2), expected: 4 },
          { streamId: other, events: newEvents(3), expected: 'any' },
        ]);
        const stored = await store.readStreams([stream, other]);
        expect(stored.get(stream)).toHaveLength(7);
        for (const events of stored.values()) expectIntactChain(events);
        const start = (await store.readStream(stream))[0];
        expect(start.hash).not.toBe((await store.readStream(other))[0].hash);
      });

      it('gives an event the same hash read from its stream and from $all, and its text and chain link in $all order', async () => {
        const stream = newStreamId();
        const start = await headOfAll(store);
        await store.append(stream, newEvents(2), 'no-stream');
        const fromAll = await readAllOf(store, [stream], start, 2);
        expect(fromAll.map((event) => event.hash)).toEqual((await store.readStream(stream)).map((event) => event.hash));
        const ofStream = (texts: readonly EventText[]) => texts.filter(({ streamId }) => streamId === stream);
        expect(ofStream(await store.readAllText({ after: start, limit: 1_000 }))).toEqual(fromAll.map(eventTextOf));
        expect(ofStream(await store.readChainLinks({ after: start, limit: 1_000 }))).toEqual(fromAll.map(eventTextOf));
      });

      it("keeps the chain when a retried append is answered, and through racing 'any' writers", async () => {
        const stream = newStreamId();
        const events = newEvents(2);
        const first = await store.append(stream, events, 'any');
        expect(await store.append(stream, events, 'any')).toEqual(first);
        await Promise.all(Array.from({ length: 10 }, () => store.append(stream, newEvents(2), 'any')));
        const stored = await store.readStream(stream);
        expect(stored).toHaveLength(22);
        expectIntactChain(stored);
      });
    });

    it('stores data and metadata exactly (nested JSON, unicode, escapes)', async () => {
      const stream = newStreamId();
      const data = {
        name: 'Zoë Ñúñez — 東京 🚀',
        '': 'empty key',
        'ключ with spaces': ['mixed', 1, 2.5, -3e-7, 1e21, 9007199254740991, true, false, null],
        nested: { deeper: { list: [{ a: 1 }, [], {}], quote: 'He said "hi" \\ then\nleft\t.' } },
      };
      const metadata = { actor: 'user-1', roles: ['sales', 'admin'], correlationId: randomUUID(), emoji: '👩‍💻', empty: {} };
      const event = newEvent({ type: 'Unicode™Checked', schemaVersion: 3, data, metadata });
      const start = await headOfAll(store);
      await store.append(stream, [event], 'no-stream');
      const [fromStream] = await store.readStream(stream);
      const [fromAll] = await readAllOf(store, [stream], start, 1);
      for (const stored of [fromStream, fromAll]) {
        expect(stored).toMatchObject({ id: event.id, type: event.type, schemaVersion: 3 });
        expect(stored.data).toStrictEqual(data);
        expect(stored.metadata).toStrictEqual(metadata);
        expectIntactChain([stored]);
      }
      // The text a store renders is the canonical one, escapes and unicode included, and parses back to what was stored.
      const [text] = (await store.readAllText({ after: fromAll.position - 1n, limit: 1 })).filter(({ streamId }) => streamId === stream);
      expect(text).toEqual(eventTextOf(fromAll));
      expect(JSON.parse(text.data)).toStrictEqual(data);
      expect(JSON.parse(text.metadata)).toStrictEqual(metadata);
    });

    describe('concurrent appends to one stream', () => {
      it('lets exactly one of 10 writers expecting the same revision win', async () => {
        const stream = newStreamId();
        await store.append(stream, [newEvent()], 'no-stream');
        const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => store.append(stream, newEvents(2), 0)));
        const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const lost = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(9);
        for (const error of lost) expect(error).toMatchObject({ name: 'WrongExpectedRevision', expected: 0, actual: 2 });
        expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([0, 1, 2]);
      });

      it('orders 10 retrying writers into one gapless sequence, one winner per revision', async () => {
        const stream = newStreamId();
        const writes = Array.from({ length: 10 }, () => newEvents(3));
        const writer = async (events: ReturnType<typeof newEvents>) => {
          for (const event of events) {
            let expected: ExpectedRevision =
              (await store.readStream(stream, { direction: 'backwards', maxCount: 1 }))[0]?.revision ?? 'no-stream';
            for (;;) {
              try {
                await store.append(stream, [event], expected);
                break;
              } catch (error) {
                if (!(error instanceof WrongExpectedRevision)) throw error;
                expected = error.actual;
              }
            }
          }
        };
        await Promise.all(writes.map(writer));
        const stored = await store.readStream(stream);
        expect(stored.map((event) => event.revision)).toEqual(Array.from({ length: 30 }, (_, revision) => revision));
        expect(new Set(stored.map((event) => event.id))).toEqual(new Set(writes.flat().map((event) => event.id)));
      });
    });
  });
}
