import type { WrappedKey } from './key-provider.port';

/** A data subject's key as stored: wrapped, or destroyed (the subject was erased; a tombstone, never brought back). */
export type StoredSubjectKey = Readonly<{ version: number; key: WrappedKey } | { version: number; destroyed: true }>;

/** Where the wrapped data keys live: a table of the database, reachable by erasure (postgres-subject-key-store.ts). */
export interface SubjectKeyStore {
  find(subjects: readonly string[]): Promise<Map<string, StoredSubjectKey>>;
  /** Stores the keys of subjects that have none; a subject that has one (a concurrent writer's) keeps it. */
  addMissing(keys: ReadonlyMap<string, WrappedKey>): Promise<void>;
  /** Destroys the subject's key for good, leaving a tombstone even where it had none; true when a live key was destroyed. */
  destroy(subject: string): Promise<boolean>;
  /** Tells `listener` of keys destroyed by any process, so that caches forget them; undefined: some may have been. */
  onDestroyed(listener: (subject: string | undefined) => void): void;
  close(): Promise<void>;
}
