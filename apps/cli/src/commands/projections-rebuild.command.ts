import type { INestApplicationContext } from '@nestjs/common';
import { PROJECTIONS, RebuildService } from '@ledgerline/projections';
import { progressLine, terminalProgress } from '../progress/progress-bar';

/** Rebuilds one projection or all, drawing a progress bar on the terminal (stderr). */
export async function rebuildProjections(app: INestApplicationContext, which: string, terminal: NodeJS.WriteStream): Promise<void> {
  const names = which === 'all' ? PROJECTIONS.map((projection) => projection.name) : [which];
  const service = app.get(RebuildService);
  for (const name of names) {
    const progress = terminalProgress(terminal);
    await service.rebuild(name, (state) => progress.draw(progressLine(name, state)));
    progress.end();
    terminal.write(`${name}: rebuilt\n`);
  }
}
