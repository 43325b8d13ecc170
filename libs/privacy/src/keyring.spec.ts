import { randomBytes } from 'node:crypto';
import { InMemorySubjectKeyStore } from './in-memory-subject-key-store';
import { Keyring, SubjectKeyMissing } from './keyring';
import { LocalMasterKey, UnknownMasterKey } from './local-master-key';

describe('Keyring', () => {
  const master = new LocalMasterKey(randomBytes(32));

  it('creates one key per subject, the same for every keyring that shares the store', async () => {
    const store = new InMemorySubjectKeyStore();
    const [a, b] = [new Keyring(store, master), new Keyring(store, master)];
    const [first, second] = await Promise.all([a.sealingKeys(['s1', 's2', 's1']), b.sealingKeys(['s1'])]);
    expect(first.size).toBe(2);
    expect(second.get('s1')?.key.equals(first.get('s1')?.key as Buffer)).toBe(true);
    expect(first.get('s1')?.key.equals(first.get('s2')?.key as Buffer)).toBe(false);
  });

  it('tells every keyring of a destroyed key, even one that holds it in its cache', async () => {
    const store = new InMemorySubjectKeyStore();
    const [a, b] = [new Keyring(store, master), new Keyring(store, master)];
    await a.sealingKeys(['s1']);
    expect((await b.openingKeys(['s1'])).get('s1')).not.toBe('erased');
    await a.destroy('s1');
    expect((await b.openingKeys(['s1'])).get('s1')).toBe('erased');
  });

  it('leaves a tombstone for a subject that never had a key', async () => {
    const keyring = new Keyring(new InMemorySubjectKeyStore(), master);
    expect(await keyring.destroy('s1')).toBe(false);
    expect((await keyring.openingKeys(['s1'])).get('s1')).toBe('erased');
  });

  it('refuses to open for a subject without a key, instead of reading it as erased', async () =>
    expect(new Keyring(new InMemorySubjectKeyStore(), master).openingKeys(['nobody'])).rejects.toThrow(SubjectKeyMissing));

  it('refuses a data key wrapped by another master key', async () => {
    const store = new InMemorySubjectKeyStore();
    await new Keyring(store, master).sealingKeys(['s1']);
    await expect(new Keyring(store, new LocalMasterKey(randomBytes(32))).openingKeys(['s1'])).rejects.toThrow(UnknownMasterKey);
  });
});
