import type { INestApplicationContext } from '@nestjs/common';
import { PROJECTIONS, RebuildService, type RebuildProgress } from '@ledgerline/projections';
import { progressBar, progressWriter } from './progress-bar';

/** "customers [#########.....] 6000/10000 events  3120 ev/s  ETA 1 s" */
export function progressLine(name: string, { done, total, startedAt }: RebuildProgress, now = Date.now()): string {
  const seconds = Math.max((now - startedAt.getTime()) / 1000, 0.001);
  const rate = done / seconds;
  if (total === undefined) return `${name} ${done} events  ${Math.round(rate)} ev/s`;
  const eta = rate > 0 ? Math.ceil((total - done) / rate) : undefined;
  return `${name} ${progressBar(total === 0 ? 1 : done / total)} ${done}/${total} events  ${Math.round(rate)} ev/s  ETA ${eta ?? '?'} s`;
}

/** Rebuilds one projection or all, drawing a progress bar on the terminal (stderr). */
export async function rebuildProjections(app: INestApplicationContext, which: string, terminal: NodeJS.WriteStream): Promise<void> {
  const names = which === 'all' ? PROJECTIONS.map((projection) => projection.name) : [which];
  const service = app.get(RebuildService);
  for (const name of names) {
    const progress = progressWriter(terminal);
    await service.rebuild(name, (state) => progress.update(progressLine(name, state)));
    progress.done();
    terminal.write(`${name}: rebuilt\n`);
  }
}
