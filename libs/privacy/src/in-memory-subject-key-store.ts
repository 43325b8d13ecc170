import type { WrappedKey } from './key-provider.port';
import type { StoredSubjectKey, SubjectKeyStore } from './subject-key-store.port';

/** For unit tests of pure logic; the PostgreSQL store passes the same behaviour in its integration test. */
export class InMemorySubjectKeyStore implements SubjectKeyStore {
  private readonly keys = new Map<string, StoredSubjectKey>();
  private readonly listeners: ((subject: string | undefined) => void)[] = [];

  async find(subjects: readonly string[]): Promise<Map<string, StoredSubjectKey>> {
    return new Map(subjects.flatMap((subject) => (this.keys.has(subject) ? [[subject, this.keys.get(subject) as StoredSubjectKey]] : [])));
  }

  async addMissing(keys: ReadonlyMap<string, WrappedKey>): Promise<void> {
    for (const [subject, key] of keys) if (!this.keys.has(subject)) this.keys.set(subject, { version: 1, key });
  }

  async destroy(subject: string): Promise<boolean> {
    const stored = this.keys.get(subject);
    this.keys.set(subject, { version: stored?.version ?? 1, destroyed: true });
    for (const listener of this.listeners) listener(subject);
    return stored !== undefined && !('destroyed' in stored);
  }

  onDestroyed(listener: (subject: string | undefined) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {}
}
