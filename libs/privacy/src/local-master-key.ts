import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { KeyProvider, WrappedKey } from './key-provider.port';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The master key is not the one this data key was wrapped with (the configuration changed without a re-wrap). */
export class UnknownMasterKey extends Error {
  constructor(readonly masterKeyId: string) {
    super(`Data key wrapped by master key ${masterKeyId}, which is not configured (PRIVACY_MASTER_KEY): see docs/runbooks.md.`);
    this.name = 'UnknownMasterKey';
  }
}

/** A master key of 32 bytes held in the process (PRIVACY_MASTER_KEY); wraps data keys with AES-256-GCM. */
export class LocalMasterKey implements KeyProvider {
  readonly currentMasterKeyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('A master key is 32 bytes');
    // Names the key without revealing it: a hash, never the key.
    this.currentMasterKeyId = `local:${createHash('sha256').update('ledgerline-master-key-id').update(key).digest('hex').slice(0, 16)}`;
  }

  async wrap(dataKey: Buffer): Promise<WrappedKey> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(this.currentMasterKeyId));
    const wrapped = Buffer.concat([iv, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
    return { wrapped, masterKeyId: this.currentMasterKeyId };
  }

  async unwrap({ wrapped, masterKeyId }: WrappedKey): Promise<Buffer> {
    if (masterKeyId !== this.currentMasterKeyId) throw new UnknownMasterKey(masterKeyId);
    const decipher = createDecipheriv('aes-256-gcm', this.key, wrapped.subarray(0, IV_BYTES))
      .setAAD(Buffer.from(masterKeyId))
      .setAuthTag(wrapped.subarray(wrapped.length - TAG_BYTES));
    return Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES, wrapped.length - TAG_BYTES)), decipher.final()]);
  }
}
