import type { SegmentEvent } from '@ledgerline/domain';
import type { ProjectionTarget } from '../runner/projection';
import type { ProjectedEvent } from '../runner/projected-event';
import { CUSTOMER_TABLES } from '../read-model-tables';
import { projectSegmentDefinitions } from './segment-definitions';
import { activeSegments, lockMemberships, refreshMembership } from './segment-membership';

/**
 * Keeps segment membership in step with the customer facts of the same batch: segments whose rule is new
 * are decided for every customer, the others only for the customers the batch touched. Changes are dated
 * `at` (the batch's time), so a replay dates them as the live run did.
 */
export async function projectSegmentMembership(
  segmentEvents: readonly ProjectedEvent<SegmentEvent>[],
  touchedCustomers: readonly string[],
  target: ProjectionTarget,
  at: string,
): Promise<void> {
  // Retiring closes stays: like every membership write, under the lock.
  if (segmentEvents.length > 0) await lockMemberships(target);
  const redecided = await projectSegmentDefinitions(segmentEvents, target);
  const scope = [...new Set(touchedCustomers)];
  if (redecided.length === 0 && scope.length === 0) return;
  const renewed = new Set(redecided.map((segment) => segment.segment_id));
  const others =
    scope.length === 0
      ? []
      : (await activeSegments(target.sql, target.table(CUSTOMER_TABLES.segments))).filter(({ segment_id }) => !renewed.has(segment_id));
  if (redecided.length === 0 && others.length === 0) return;
  await lockMemberships(target);
  for (const segment of redecided) await refreshMembership(target, segment, at);
  for (const segment of others) await refreshMembership(target, segment, at, scope);
}
