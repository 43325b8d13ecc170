import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { KeyProvider } from './key-provider.port';
import type { StoredSubjectKey, SubjectKeyStore } from './subject-key-store.port';

/** A data subject's key, unwrapped: what seals and opens its personal fields. */
export type SubjectKey = Readonly<{ version: number; key: Buffer }>;

/** What opening finds for a subject: its key, or that it was erased. */
export type OpeningKey = SubjectKey | 'erased';

/** New personal data for an erased subject: refused, since nothing could ever read it and it would not be erasable. */
export class SubjectErased extends Error {
  constructor(readonly subject: string) {
    super(`Data subject ${subject} was erased: no new personal data is kept for it.`);
    this.name = 'SubjectErased';
  }
}

/**
 * What sealing does for an erased subject: refuse (new data), or shred: seal with a key made for the occasion and kept
 * nowhere, so that the value reads as ERASED like every other of the subject's values (data stored before sealing).
 */
export type ErasedSubjects = 'refuse' | 'shred';

/** A sealed value names a subject whose key is not stored: the key table is not the one the log was written with. */
export class SubjectKeyMissing extends Error {
  constructor(readonly subject: string) {
    super(`No key is stored for data subject ${subject}: the key table does not belong to this log (see docs/runbooks.md).`);
    this.name = 'SubjectKeyMissing';
  }
}

const CACHE_SIZE = 10_000;

/**
 * The data subjects' keys: created on first use, unwrapped through the KeyProvider, kept unwrapped in a bounded
 * in-memory cache that every process empties of a subject as soon as any process destroys its key.
 */
export class Keyring {
  private readonly cache = new LRUCache<string, OpeningKey>({ max: CACHE_SIZE });

  constructor(
    private readonly store: SubjectKeyStore,
    private readonly provider: KeyProvider,
  ) {
    // Undefined: notifications may have been missed (a reconnection), so nothing cached can be trusted.
    store.onDestroyed((subject) => (subject === undefined ? this.cache.clear() : this.cache.set(subject, 'erased')));
  }

  /** Keys to seal with, created for subjects that have none; for one that was erased, as `erased` says. */
  async sealingKeys(subjects: Iterable<string>, erased: ErasedSubjects = 'refuse'): Promise<Map<string, SubjectKey>> {
    const wanted = [...new Set(subjects)];
    let found = await this.lookUp(wanted);
    const missing = wanted.filter((subject) => !found.has(subject));
    if (missing.length > 0) {
      const created = new Map(
        await Promise.all(missing.map(async (subject) => [subject, await this.provider.wrap(randomBytes(32))] as const)),
      );
      await this.store.addMissing(created);
      // Read back rather than trust our own: a concurrent writer may have stored the subject's key first.
      found = new Map([...found, ...(await this.lookUp(missing))]);
    }
    const keys = new Map<string, SubjectKey>();
    for (const subject of wanted) {
      const key = found.get(subject);
      if (key === undefined) throw new SubjectKeyMissing(subject);
      if (key === 'erased' && erased === 'refuse') throw new SubjectErased(subject);
      keys.set(subject, key === 'erased' ? { version: 0, key: randomBytes(32) } : key);
    }
    return keys;
  }

  /** Keys to open with: 'erased' for an erased subject; SubjectKeyMissing for one that never had a key. */
  async openingKeys(subjects: Iterable<string>): Promise<Map<string, OpeningKey>> {
    const wanted = [...new Set(subjects)];
    const found = await this.lookUp(wanted);
    const missing = wanted.find((subject) => !found.has(subject));
    if (missing !== undefined) throw new SubjectKeyMissing(missing);
    return found;
  }

  /** Destroys the subject's key everywhere; true when it had one to destroy. Idempotent. */
  async destroy(subject: string): Promise<boolean> {
    const destroyed = await this.store.destroy(subject);
    this.cache.set(subject, 'erased');
    return destroyed;
  }

  private async lookUp(subjects: readonly string[]): Promise<Map<string, OpeningKey>> {
    const found = new Map<string, OpeningKey>();
    const uncached: string[] = [];
    for (const subject of subjects) {
      const cached = this.cache.get(subject);
      if (cached === undefined) uncached.push(subject);
      else found.set(subject, cached);
    }
    if (uncached.length === 0) return found;
    const stored = await this.store.find(uncached);
    await Promise.all(
      [...stored].map(async ([subject, key]) => {
        const opening = await this.unwrapped(key);
        // A destruction told while this read was under way wins over what the read found.
        if (this.cache.get(subject) === 'erased') found.set(subject, 'erased');
        else {
          this.cache.set(subject, opening);
          found.set(subject, opening);
        }
      }),
    );
    return found;
  }

  private async unwrapped(stored: StoredSubjectKey): Promise<OpeningKey> {
    if ('destroyed' in stored) return 'erased';
    return { version: stored.version, key: await this.provider.unwrap(stored.key) };
  }
}
