import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * An API key reads `llk_<id>_<secret>`: the prefix makes a leaked key recognisable (secret scanners,
 * logs), the id finds its row without a scan, and only a salted hash of the whole string is kept.
 */
export const API_KEY_PREFIX = 'llk_';

const KEY_PATTERN = /^llk_([a-z0-9]{1,32})_([A-Za-z0-9_-]{32,256})$/;

export const looksLikeApiKey = (credential: string): boolean => credential.startsWith(API_KEY_PREFIX);

/** The key id of a well-formed key; undefined for anything else. */
export const apiKeyId = (credential: string): string | undefined => KEY_PATTERN.exec(credential)?.[1];

export const newApiKeyId = (): string => randomBytes(8).toString('hex');

/** A new key: 32 random bytes after the id. */
export const newApiKey = (id: string): string => `${API_KEY_PREFIX}${id}_${randomBytes(32).toString('base64url')}`;

export type SaltedHash = Readonly<{ salt: string; hash: string }>;

const digest = (salt: Buffer, credential: string): Buffer => createHash('sha256').update(salt).update(credential, 'utf8').digest();

/** SHA-256 over a per-key salt and the key: the secret is 256 random bits, so a slow hash would only cost latency. */
export function hashApiKey(credential: string, salt: Buffer = randomBytes(16)): SaltedHash {
  return { salt: salt.toString('hex'), hash: digest(salt, credential).toString('hex') };
}

export function apiKeyMatches(credential: string, stored: SaltedHash): boolean {
  const expected = Buffer.from(stored.hash, 'hex');
  const actual = digest(Buffer.from(stored.salt, 'hex'), credential);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
