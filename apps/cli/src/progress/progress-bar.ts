const WIDTH = 30;

export type Progress = Readonly<{ done: number; total: number | undefined; startedAt: Date }>;

/** "[#########.....................]": a share from 0 to 1. */
export const progressBar = (share: number): string => {
  const filled = Math.round(Math.min(Math.max(share, 0), 1) * WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`;
};

/** "customers [#########.....] 6000/10000 events  3120 ev/s  ETA 1 s" */
export function progressLine(name: string, { done, total, startedAt }: Progress, now = Date.now()): string {
  const seconds = Math.max((now - startedAt.getTime()) / 1000, 0.001);
  const rate = done / seconds;
  if (total === undefined) return `${name} ${done} events  ${Math.round(rate)} ev/s`;
  const eta = rate > 0 ? Math.ceil(Math.max(total - done, 0) / rate) : undefined;
  return `${name} ${progressBar(total === 0 ? 1 : done / total)} ${done}/${total} events  ${Math.round(rate)} ev/s  ETA ${eta ?? '?'} s`;
}

/**
 * Draws progress lines on a terminal (stderr): redrawn in place on a TTY, at most every `everyMs`; elsewhere (a log
 * file, CI) one line per interval. `end` draws the last state for good.
 */
export function terminalProgress(terminal: NodeJS.WriteStream, everyMs = 200): { draw: (line: string) => void; end: () => void } {
  let [last, drawnAt] = ['', 0];
  const write = (line: string) => terminal.write(terminal.isTTY ? `\r${line}` : `${line}\n`);
  return {
    draw: (line) => {
      last = line;
      if (Date.now() - drawnAt < everyMs) return;
      drawnAt = Date.now();
      write(line);
    },
    end: () => {
      if (last !== '') terminal.write(terminal.isTTY ? `\r${last}\n` : `${last}\n`);
    },
  };
}

/** A progress bar of events done out of `total` (undefined: unknown), drawn on a terminal from now on. */
export function eventProgress(
  terminal: NodeJS.WriteStream,
  name: string,
  total: number | undefined,
): { draw: (done: number) => void; end: () => void } {
  const progress = terminalProgress(terminal);
  const startedAt = new Date();
  return { draw: (done) => progress.draw(progressLine(name, { done, total, startedAt })), end: () => progress.end() };
}
