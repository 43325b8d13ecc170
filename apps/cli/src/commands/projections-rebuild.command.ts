import type { INestApplicationContext } from '@nestjs/common';
import { PROJECTIONS, RebuildService, type RebuildProgress } from '@ledgerline/projections';

const WIDTH = 30;

/** "customers [#########.....] 6000/10000 events  3120 ev/s  ETA 1 s" */
export function progressLine(name: string, { done, total, startedAt }: RebuildProgress, now = Date.now()): string {
  const seconds = Math.max((now - startedAt.getTime()) / 1000, 0.001);
  const rate = done / seconds;
  if (total === undefined) return `${name} ${done} events  ${Math.round(rate)} ev/s`;
  const share = total === 0 ? 1 : Math.min(done / total, 1);
  const filled = Math.round(share * WIDTH);
  const eta = rate > 0 ? Math.ceil((total - done) / rate) : undefined;
  return `${name} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${done}/${total} events  ${Math.round(rate)} ev/s  ETA ${eta ?? '?'} s`;
}

/** Rebuilds one projection or all, drawing a progress bar on the terminal (stderr). */
export async function rebuildProjections(app: INestApplicationContext, which: string, terminal: NodeJS.WriteStream): Promise<void> {
  const names = which === 'all' ? PROJECTIONS.map((projection) => projection.name) : [which];
  const service = app.get(RebuildService);
  for (const name of names) {
    let last = '';
    await service.rebuild(name, (progress) => {
      last = progressLine(name, progress);
      terminal.write(terminal.isTTY ? `\r${last}` : `${last}\n`);
    });
    terminal.write(terminal.isTTY ? `\r${last}\n` : '');
    terminal.write(`${name}: rebuilt\n`);
  }
}
