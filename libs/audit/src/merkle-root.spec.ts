import { createHash } from 'node:crypto';
import { merkleRoot } from './merkle-root';

const sha256 = (...parts: (Buffer | string)[]) => parts.reduce((hash, part) => hash.update(part), createHash('sha256')).digest();
// The leaf's text as canonicalJson writes it (and PostgreSQL renders jsonb): ", " between items.
const leaf = (streamId: string, revision: number, hash: string) => sha256(Buffer.from([0]), `["${streamId}", ${revision}, "${hash}"]`);
const node = (left: Buffer, right: Buffer) => sha256(Buffer.from([1]), left, right);

describe('the Merkle root of the stream heads', () => {
  const heads = (...entries: [string, number, string][]) => new Map(entries.map(([id, revision, hash]) => [id, { revision, hash }]));

  it('is RFC 6962 over one leaf per stream in stream id order, whatever order the heads came in', () => {
    const [a, b, c] = [leaf('a', 0, 'h1'), leaf('b', 4, 'h2'), leaf('c', 1, 'h3')];
    const expected = node(node(a, b), c).toString('hex');
    expect(merkleRoot(heads(['c', 1, 'h3'], ['a', 0, 'h1'], ['b', 4, 'h2']))).toBe(expected);
    expect(merkleRoot(heads(['b', 4, 'h2'], ['c', 1, 'h3'], ['a', 0, 'h1']))).toBe(expected);
  });

  it('is the hash of nothing for no stream, and changes with any head', () => {
    expect(merkleRoot(new Map())).toBe(sha256('').toString('hex'));
    const root = merkleRoot(heads(['a', 0, 'h1'], ['b', 4, 'h2']));
    expect(merkleRoot(heads(['a', 0, 'h1'], ['b', 3, 'h2']))).not.toBe(root);
    expect(merkleRoot(heads(['a', 0, 'h1'], ['b', 4, 'hX']))).not.toBe(root);
    expect(merkleRoot(heads(['a', 0, 'h1']))).not.toBe(root);
  });
});
