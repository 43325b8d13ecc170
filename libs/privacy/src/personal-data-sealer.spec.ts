import { ERASED } from '@ledgerline/domain';
import type { EventToAppend, RecordedEvent } from '@ledgerline/event-store';
import { SealedValueDoesNotOpen } from './field-cipher';
import { SubjectErased } from './keyring';
import { DataSubjectUnknown, PlaintextPersonalData } from './personal-data-sealer';
import { isSealedValue } from './sealed-value';
import { inMemorySealer } from './testing/test-keyring';

const ADA = '3f2b8c1e-7a4d-4e9b-8c21-5d6f7a8b9c01';
const STREAM = `customer-${ADA}`;

const registered = (id: string, data: Record<string, unknown> = {}): EventToAppend => ({
  id,
  type: 'CustomerRegistered',
  schemaVersion: 2,
  metadata: {},
  data: {
    customerId: ADA,
    kind: 'person',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    phone: null,
    country: 'GB',
    customFields: { shoeSize: 38.5, plan: 'gold plan' },
    tags: ['vip'],
    ...data,
  },
});

const profileUpdated: EventToAppend = {
  id: '00000000-0000-4000-8000-000000000002',
  type: 'CustomerProfileUpdated',
  schemaVersion: 2,
  metadata: {},
  data: { customerId: ADA, changes: { email: { from: 'ada@example.com', to: 'ada@lovelace.org' }, country: { from: 'GB', to: 'FR' } } },
};

const stored = (events: readonly EventToAppend[], streamId = STREAM): RecordedEvent[] =>
  events.map((event, revision) => ({ ...event, streamId, revision, position: BigInt(revision + 1), recordedAt: new Date(), hash: '' }));

describe('PersonalDataSealer', () => {
  const EVENT = '00000000-0000-4000-8000-000000000001';

  it('stores no personal field in plaintext, and leaves the other fields and nulls as they are', async () => {
    const { sealer } = inMemorySealer();
    const [[sealed, updated]] = await sealer.seal([{ streamId: STREAM, events: [registered(EVENT), profileUpdated], subject: ADA }]);
    const text = JSON.stringify([sealed, updated]);
    // Each secret holds a character base64 has not (a space, a dot, an @): a ciphertext cannot contain it by chance.
    for (const secret of ['Ada Lovelace', 'ada@example.com', 'ada@lovelace.org', 'gold plan', '38.5']) expect(text).not.toContain(secret);
    expect(sealed.data).toMatchObject({ customerId: ADA, kind: 'person', phone: null, country: 'GB', tags: ['vip'] });
    expect(isSealedValue(sealed.data.name)).toBe(true);
    expect(updated.data.changes).toMatchObject({ country: { from: 'GB', to: 'FR' } });
  });

  it('reveals what it sealed, with the values of their types', async () => {
    const { sealer } = inMemorySealer();
    const events = [registered(EVENT), profileUpdated];
    const [sealed] = await sealer.seal([{ streamId: STREAM, events, subject: ADA }]);
    expect((await sealer.reveal(stored(sealed))).map((event) => event.data)).toEqual(events.map((event) => event.data));
  });

  it('reveals ERASED for every personal field once the subject is erased, and the other fields as they were', async () => {
    const { sealer, keyring } = inMemorySealer();
    const [sealed] = await sealer.seal([{ streamId: STREAM, events: [registered(EVENT), profileUpdated], subject: ADA }]);
    await keyring.sealingKeys(['someone-else']);
    expect(await keyring.destroy(ADA)).toBe(true);
    const [first, second] = await sealer.reveal(stored(sealed));
    expect(first.data).toMatchObject({
      name: ERASED,
      email: ERASED,
      phone: null,
      country: 'GB',
      customFields: { shoeSize: ERASED, plan: ERASED },
    });
    expect(second.data.changes).toEqual({ email: { from: ERASED, to: ERASED }, country: { from: 'GB', to: 'FR' } });
  });

  it('refuses new personal data for an erased subject, and a second erasure destroys nothing', async () => {
    const { sealer, keyring } = inMemorySealer();
    await sealer.seal([{ streamId: STREAM, events: [registered(EVENT)], subject: ADA }]);
    await keyring.destroy(ADA);
    await expect(sealer.seal([{ streamId: STREAM, events: [profileUpdated], subject: ADA }])).rejects.toThrow(SubjectErased);
    expect(await keyring.destroy(ADA)).toBe(false);
  });

  it('refuses a sealed value moved to another event: it opens only where it was sealed', async () => {
    const { sealer } = inMemorySealer();
    const [[sealed]] = await sealer.seal([{ streamId: STREAM, events: [registered(EVENT)], subject: ADA }]);
    const moved = { ...sealed, id: '00000000-0000-4000-8000-000000000009' };
    await expect(sealer.reveal(stored([moved]))).rejects.toThrow(SealedValueDoesNotOpen);
  });

  it('admits plaintext in a v1 event (stored before sealing) and refuses it in a v2 one', async () => {
    const { sealer } = inMemorySealer();
    const v1 = { ...registered(EVENT), schemaVersion: 1 };
    expect((await sealer.reveal(stored([v1])))[0].data).toEqual(v1.data);
    await expect(sealer.reveal(stored([registered(EVENT)]))).rejects.toThrow(PlaintextPersonalData);
  });

  it('refuses plaintext in the first version of a type added after sealing existed', async () => {
    const { sealer } = inMemorySealer();
    const addressSet: EventToAppend = {
      id: EVENT,
      type: 'CustomerAddressSet',
      schemaVersion: 1,
      metadata: {},
      data: {
        customerId: ADA,
        addressType: 'billing',
        address: { street: '12 St James Sq', city: 'London', region: null, postcode: 'SW1Y', country: 'GB' },
      },
    };
    await expect(sealer.reveal(stored([addressSet]))).rejects.toThrow(PlaintextPersonalData);
    const [sealed] = (await sealer.seal([{ streamId: STREAM, subject: ADA, events: [addressSet] }]))[0];
    expect(sealed.data).toMatchObject({ address: { region: null, country: 'GB' } });
    expect(JSON.stringify(sealed.data)).not.toContain('12 St James Sq');
    expect((await sealer.reveal(stored([sealed])))[0].data).toEqual(addressSet.data);
  });

  it('refuses personal data without a data subject, and needs none for events without personal data', async () => {
    const { sealer } = inMemorySealer();
    await expect(sealer.seal([{ streamId: STREAM, events: [registered(EVENT)], subject: undefined }])).rejects.toThrow(DataSubjectUnknown);
    const tagged: EventToAppend = {
      id: EVENT,
      type: 'CustomerTagsAdded',
      schemaVersion: 1,
      metadata: {},
      data: { customerId: ADA, tags: ['x'] },
    };
    expect(await sealer.seal([{ streamId: STREAM, events: [tagged], subject: undefined }])).toEqual([[tagged]]);
  });
});
