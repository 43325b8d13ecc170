/** A data key wrapped (encrypted) by a master key, with the id of the master key that can unwrap it. */
export type WrappedKey = Readonly<{ wrapped: Buffer; masterKeyId: string }>;

/**
 * Envelope encryption: data keys (one per data subject) are stored only wrapped by a master key that never leaves
 * its provider. LocalMasterKey keeps it in the configuration; a KMS or Vault transit engine plugs in here
 * (docs/security.md, "Personal data keys").
 */
export interface KeyProvider {
  /** The master key new data keys are wrapped with. */
  readonly currentMasterKeyId: string;
  wrap(dataKey: Buffer): Promise<WrappedKey>;
  unwrap(key: WrappedKey): Promise<Buffer>;
}
