import type { EventStore } from '@ledgerline/event-store';
import type { Checkpoint, ProjectionState } from './checkpoints';

export type ProjectionStatus = Readonly<{
  name: string;
  version: number;
  state: ProjectionState;
  /** Last $all position applied, as a decimal string; null before the first event. */
  position: string | null;
  /** Events in $all not applied yet; counted up to LAG_COUNT_LIMIT. */
  lagEvents: number;
  lagEventsCapped: boolean;
  /** How long the oldest event not applied yet has been waiting; 0 when caught up. */
  lagSeconds: number;
  error: string | null;
  updatedAt: string;
}>;

const LAG_COUNT_LIMIT = 10_000;

/** A projection's standing: its checkpoint as reported by its active runner, and how far behind $all it is. */
export async function projectionStatus(checkpoint: Checkpoint, store: EventStore, now: Date): Promise<ProjectionStatus> {
  const pending = await store.readAll({ after: checkpoint.position, limit: LAG_COUNT_LIMIT });
  const oldest = pending[0];
  return {
    name: checkpoint.name,
    version: checkpoint.version,
    state: checkpoint.state,
    position: checkpoint.position?.toString() ?? null,
    lagEvents: pending.length,
    lagEventsCapped: pending.length === LAG_COUNT_LIMIT,
    lagSeconds: oldest ? Math.max(0, (now.getTime() - oldest.recordedAt.getTime()) / 1000) : 0,
    error: checkpoint.error ?? null,
    updatedAt: checkpoint.updatedAt.toISOString(),
  };
}
