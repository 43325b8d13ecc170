import type { INestApplicationContext } from '@nestjs/common';
import { ProjectionSupervisor, type ProjectionStatus } from '@ledgerline/projections';

const lag = (status: ProjectionStatus) =>
  `${status.lagEvents}${status.lagEventsCapped ? '+' : ''} events, ${status.lagSeconds.toFixed(1)} s`;

/** One line per projection: state, position and lag, and the error of a failed one. */
export async function printProjectionStatus(app: INestApplicationContext, write: (line: string) => void): Promise<void> {
  const statuses = await app.get(ProjectionSupervisor).status();
  if (statuses.length === 0) write('No projection has run yet.');
  for (const status of statuses) {
    write(`${status.name} v${status.version}  ${status.state}  position ${status.position ?? '-'}  lag ${lag(status)}`);
    if (status.error) write(`  error: ${status.error}`);
  }
}
