/**
 * One thing verification found wrong, named so an auditor can find it: the stream and revision (for a checkpoint, the
 * checkpoint stream and the checkpoint's revision), the log position, and what was expected against what was found.
 */
export type ChainBreak = Readonly<{
  problem: 'hash-mismatch' | 'revision-gap' | 'checkpoint-root' | 'checkpoint-signature';
  streamId: string;
  revision: number;
  position: string;
  expected: string;
  found: string;
}>;
