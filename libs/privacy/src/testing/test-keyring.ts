import { randomBytes } from 'node:crypto';
import { InMemorySubjectKeyStore } from '../in-memory-subject-key-store';
import { Keyring } from '../keyring';
import { LocalMasterKey } from '../local-master-key';
import { PersonalDataSealer } from '../personal-data-sealer';

/** A sealer over keys kept in memory, for unit tests and benchmarks that need no database. */
export function inMemorySealer(): { sealer: PersonalDataSealer; keyring: Keyring; keys: InMemorySubjectKeyStore } {
  const keys = new InMemorySubjectKeyStore();
  const keyring = new Keyring(keys, new LocalMasterKey(randomBytes(32)));
  return { sealer: new PersonalDataSealer(keyring), keyring, keys };
}
