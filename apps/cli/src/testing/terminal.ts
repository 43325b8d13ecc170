import { Writable } from 'node:stream';

/** A terminal that is not a TTY (as in CI): every progress update is a line of its own. */
export const terminal = () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(
        ...chunk
          .toString()
          .split('\n')
          .filter((line) => line !== ''),
      );
      callback();
    },
  }) as unknown as NodeJS.WriteStream;
  return { stream, lines };
};
