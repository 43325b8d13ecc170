import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedValue } from './sealed-value';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Where a value was sealed for: opening it anywhere else (another event, field or subject) fails. */
export type SealedPlace = Readonly<{ subject: string; streamId: string; eventId: string; path: string }>;

const associatedData = ({ subject, streamId, eventId, path }: SealedPlace): Buffer =>
  Buffer.from(JSON.stringify([subject, streamId, eventId, path]));

/** A sealed value's key is right but its bytes were altered, or it was moved from where it was sealed. */
export class SealedValueDoesNotOpen extends Error {
  constructor(readonly place: SealedPlace) {
    super(`A sealed personal field does not open at ${place.streamId} ${place.eventId} ${place.path}: it was altered or moved.`);
    this.name = 'SealedValueDoesNotOpen';
  }
}

export function sealValue(value: unknown, key: Buffer, keyVersion: number, place: SealedPlace): SealedValue {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv).setAAD(associatedData(place));
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { $pii: 1, sub: place.subject, kid: keyVersion, iv: iv.toString('base64'), ct: ct.toString('base64') };
}

export function openValue(sealed: SealedValue, key: Buffer, place: SealedPlace): unknown {
  const bytes = Buffer.from(sealed.ct, 'base64');
  try {
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(sealed.iv, 'base64'))
      .setAAD(associatedData(place))
      .setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return JSON.parse(Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8'));
  } catch {
    throw new SealedValueDoesNotOpen(place);
  }
}
