import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '@ledgerline/event-store';

/** Where checkpoints are appended: a stream like any other, so it is hash-chained, exported and verified too. */
export const CHECKPOINT_STREAM = 'audit-checkpoints';
export const CHECKPOINT_RECORDED = 'AuditCheckpointRecorded';

/** What a checkpoint states about the log through a position: how many streams and events, and their heads' root. */
export type CheckpointContent = Readonly<{ through: string; streams: number; events: number; root: string }>;

export type SignedCheckpoint = CheckpointContent & Readonly<{ algorithm: 'HMAC-SHA256'; keyId: string; signature: string }>;

/** The key checkpoints are signed with (AUDIT_SIGNING_KEY), known by an id that does not give it away. */
export class SigningKey {
  readonly id: string;

  constructor(private readonly secret: string) {
    this.id = createHash('sha256').update(`ledgerline audit signing key\n${secret}`).digest('hex').slice(0, 16);
  }

  sign(content: CheckpointContent): SignedCheckpoint {
    return { ...content, algorithm: 'HMAC-SHA256', keyId: this.id, signature: this.mac(checkpointStatement(content)) };
  }

  /** Whether this key signed exactly this content: undefined when another key did (its id differs). */
  signed(checkpoint: SignedCheckpoint): boolean | undefined {
    return this.signedStatement(checkpointStatement(checkpoint), checkpoint);
  }

  /** A signature over a statement (a list of values, the first naming what it states): hex HMAC-SHA256. */
  mac(statement: readonly unknown[]): string {
    return createHmac('sha256', this.secret).update(canonicalJson(statement)).digest('hex');
  }

  /** Whether this key signed exactly this statement: undefined when another key did (its id differs). */
  signedStatement(
    statement: readonly unknown[],
    { keyId, signature }: Readonly<{ keyId: string; signature: string }>,
  ): boolean | undefined {
    if (keyId !== this.id) return undefined;
    const [expected, found] = [Buffer.from(this.mac(statement), 'hex'), Buffer.from(signature, 'hex')];
    return expected.length === found.length && timingSafeEqual(expected, found);
  }
}

const checkpointStatement = ({ through, streams, events, root }: CheckpointContent) => [
  'ledgerline-checkpoint-v1',
  through,
  streams,
  events,
  root,
];

/** A SHA-256 in hex, as roots and HMAC-SHA256 signatures are written: exactly 64 digits, nothing to trim. */
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A checkpoint event's data, if it has the shape this version writes. */
export function asSignedCheckpoint(data: Readonly<Record<string, unknown>>): SignedCheckpoint | undefined {
  const { through, streams, events, root, algorithm, keyId, signature } = data;
  const valid =
    typeof through === 'string' &&
    /^\d+$/.test(through) &&
    Number.isInteger(streams) &&
    Number.isInteger(events) &&
    typeof root === 'string' &&
    SHA256_HEX.test(root) &&
    algorithm === 'HMAC-SHA256' &&
    typeof keyId === 'string' &&
    typeof signature === 'string' &&
    SHA256_HEX.test(signature);
  return valid ? (data as SignedCheckpoint) : undefined;
}
