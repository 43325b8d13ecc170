/**
 * A personal field as stored: its JSON value encrypted with its data subject's key (AES-256-GCM), self-describing so
 * that reading needs no schema. `sub`: the data subject; `kid`: the version of the subject's key; `iv`: 12 random
 * bytes; `ct`: ciphertext and the 16-byte tag; both base64.
 */
export type SealedValue = Readonly<{ $pii: 1; sub: string; kid: number; iv: string; ct: string }>;

export const isSealedValue = (value: unknown): value is SealedValue =>
  typeof value === 'object' &&
  value !== null &&
  (value as { $pii?: unknown }).$pii === 1 &&
  typeof (value as SealedValue).sub === 'string' &&
  typeof (value as SealedValue).iv === 'string' &&
  typeof (value as SealedValue).ct === 'string';
