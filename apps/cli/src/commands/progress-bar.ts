const WIDTH = 30;

/** "[#########.....................]": a share from 0 to 1. */
export const progressBar = (share: number): string => {
  const filled = Math.round(Math.min(Math.max(share, 0), 1) * WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`;
};

/** Redraws one line on a terminal; elsewhere (a log file, CI) writes each update as its own line. */
export function progressWriter(terminal: NodeJS.WriteStream) {
  let last = '';
  return {
    update(line: string): void {
      last = line;
      terminal.write(terminal.isTTY ? `\r${line}` : `${line}\n`);
    },
    done(): void {
      if (terminal.isTTY && last !== '') terminal.write('\n');
    },
  };
}
