import { createHash } from 'node:crypto';
import { canonicalJson } from '@ledgerline/event-store';
import type { StreamHead } from './chain-verifier';

const sha256 = (...parts: (Buffer | string)[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

/** RFC 6962's Merkle Tree Hash: leaves and nodes hashed apart (0x00, 0x01), split at the largest power of two below n. */
function treeHash(leaves: readonly Buffer[], start: number, end: number): Buffer {
  if (end - start === 0) return sha256('');
  if (end - start === 1) return sha256(LEAF, leaves[start]);
  let split = 1;
  while (split * 2 < end - start) split *= 2;
  return sha256(NODE, treeHash(leaves, start, start + split), treeHash(leaves, start + split, end));
}

/**
 * The Merkle root (hex) of every stream's head: one leaf per stream, the canonical JSON `[streamId, revision, hash]`,
 * in stream id order (bytewise, UTF-8). A stream removed, cut short or rewritten changes the root.
 */
export function merkleRoot(heads: ReadonlyMap<string, StreamHead>): string {
  // Each id's bytes made once: a comparator that made them would allocate two buffers per comparison.
  const streams = [...heads].map(([streamId, head]) => ({ bytes: Buffer.from(streamId), streamId, head }));
  streams.sort((a, b) => Buffer.compare(a.bytes, b.bytes));
  const leaves = streams.map(({ streamId, head }) => Buffer.from(canonicalJson([streamId, head.revision, head.hash])));
  return treeHash(leaves, 0, leaves.length).toString('hex');
}
