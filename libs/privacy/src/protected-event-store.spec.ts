import { ERASED } from '@ledgerline/domain';
import { randomUUID } from 'node:crypto';
import { eventOfText, InMemoryEventStore, type EventToAppend } from '@ledgerline/event-store';
import { eventStoreContract } from '@ledgerline/event-store/testing/event-store.contract';
import { recordingSubscription, until } from '@ledgerline/event-store/testing/contract-helpers';
import { DATA_SUBJECT, ProtectedEventStore } from './protected-event-store';
import { inMemorySealer } from './testing/test-keyring';

// Events of types without personal fields pass through: the decorated store is still an EventStore.
eventStoreContract('protected (over in-memory)', async () => ({
  store: new ProtectedEventStore(new InMemoryEventStore(), inMemorySealer().sealer),
}));

const ADA = '3f2b8c1e-7a4d-4e9b-8c21-5d6f7a8b9c01';
const STREAM = `customer-${ADA}`;
const PROFILE = {
  customerId: ADA,
  kind: 'person',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  phone: null,
  customFields: {},
  tags: [],
};

const registered = (schemaVersion: number, metadata: Record<string, unknown> = { [DATA_SUBJECT]: ADA }): EventToAppend => ({
  id: '00000000-0000-4000-8000-000000000001',
  type: 'CustomerRegistered',
  schemaVersion,
  data: PROFILE,
  metadata,
});

const textOf = (value: unknown): string =>
  JSON.stringify(value, (_key, field: unknown) => (typeof field === 'bigint' ? String(field) : field));

const setup = () => {
  const raw = new InMemoryEventStore();
  const { sealer, keyring } = inMemorySealer();
  return { raw, keyring, store: new ProtectedEventStore(raw, sealer) };
};

describe('ProtectedEventStore', () => {
  it('stores personal fields sealed and reads them back revealed, from every read', async () => {
    const { raw, store } = setup();
    await store.append(STREAM, [registered(2)], 'no-stream');
    const stored = textOf([await raw.readAll({ limit: 10 }), await store.readChainLinks({ limit: 10 })]);
    expect(stored).not.toContain('Ada Lovelace');
    expect(stored).not.toContain('ada@example.com');
    expect((await store.readStream(STREAM))[0].data).toEqual(PROFILE);
    expect((await store.readAll({ limit: 10 }))[0].data).toEqual(PROFILE);
    expect((await store.readStreams([STREAM])).get(STREAM)?.[0].data).toEqual(PROFILE);
    const { received, subscription } = recordingSubscription(store, 0n, [STREAM]);
    await until(() => received.length === 1, 'the subscription delivers the event');
    expect(received[0].data).toEqual(PROFILE);
    await subscription.stop();
  });

  it('reads as text what readAll reads: the stored text where it is what readers get, revealed and upcast where not', async () => {
    const { raw, keyring, store } = setup();
    await raw.append(`customer-${randomUUID()}`, [{ ...registered(1, {}), id: randomUUID() }], 'no-stream');
    await store.append(STREAM, [registered(2)], 'no-stream');
    await store.append(
      `deal-${randomUUID()}`,
      [{ ...registered(1, {}), id: randomUUID(), type: 'DealOpened', data: { amount: '1.50' } }],
      'no-stream',
    );
    const asText = async () => (await store.readAllText({ limit: 10 })).map(eventOfText);
    expect(await asText()).toEqual(await store.readAll({ limit: 10 }));
    // A deal's event holds nothing to reveal: its text is the store's own.
    expect((await store.readAllText({ limit: 10 }))[2]).toEqual((await raw.readAllText({ limit: 10 }))[2]);
    await keyring.destroy(ADA);
    expect((await asText())[1].data).toMatchObject({ name: ERASED, email: ERASED });
    expect(await asText()).toEqual(await store.readAll({ limit: 10 }));
  });

  it('seals every request of an appendMany', async () => {
    const { raw, store } = setup();
    const other = '3f2b8c1e-7a4d-4e9b-8c21-5d6f7a8b9c02';
    await store.appendMany([
      { streamId: STREAM, events: [registered(2)], expected: 'no-stream' },
      {
        streamId: `customer-${other}`,
        events: [{ ...registered(2, { [DATA_SUBJECT]: other }), id: '00000000-0000-4000-8000-000000000002' }],
        expected: 'no-stream',
      },
    ]);
    expect(textOf(await raw.readAll({ limit: 10 }))).not.toContain('Ada Lovelace');
  });

  it('reads ERASED once the subject is erased, and the chain it stored still holds the same links', async () => {
    const { keyring, store } = setup();
    await store.append(STREAM, [registered(2)], 'no-stream');
    const before = await store.readChainLinks({ limit: 10 });
    await keyring.destroy(ADA);
    expect((await store.readStream(STREAM))[0].data).toMatchObject({ name: ERASED, email: ERASED, phone: null, kind: 'person' });
    expect(await store.readChainLinks({ limit: 10 })).toEqual(before);
  });

  it('reads an event stored as v1 (plaintext, before sealing) in the current version', async () => {
    const { raw, store } = setup();
    await raw.append(STREAM, [registered(1, {})], 'no-stream');
    const [event] = await store.readStream(STREAM);
    expect({ schemaVersion: event.schemaVersion, data: event.data }).toEqual({ schemaVersion: 2, data: PROFILE });
  });

  it('refuses personal data whose writer named no data subject', async () => {
    const { raw, store } = setup();
    await expect(store.append(STREAM, [registered(2, {})], 'no-stream')).rejects.toThrow('no data subject');
    expect(await raw.readAll({ limit: 10 })).toEqual([]);
  });
});
