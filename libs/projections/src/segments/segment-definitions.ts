import { unreachable, type SegmentEvent, type SegmentRule } from '@ledgerline/domain';
import type { ProjectionTarget } from '../runner/projection';
import type { ProjectedEvent } from '../runner/projected-event';
import { projectRows, type RowProjection } from '../runner/row-projection';
import { CUSTOMER_TABLES } from '../read-model-tables';
import { closeMembership, rfmBased, timeBased } from './segment-membership';

export type SegmentRow = {
  segment_id: string;
  name: string;
  description: string | null;
  rule: SegmentRule;
  status: 'active' | 'retired';
  time_based: boolean;
  rfm_based: boolean;
  defined_at: string;
  redefined_at: string | null;
  retired_at: string | null;
  retire_reason: string | null;
  revision: number;
};

function apply(row: SegmentRow | undefined, event: ProjectedEvent<SegmentEvent>): SegmentRow | undefined {
  const { revision } = event;
  if (event.type === 'SegmentDefined') {
    const { segmentId, name, description, rule, definedAt } = event.data;
    return {
      segment_id: segmentId,
      name,
      description,
      rule,
      status: 'active',
      time_based: timeBased(rule),
      rfm_based: rfmBased(rule),
      defined_at: definedAt,
      redefined_at: null,
      retired_at: null,
      retire_reason: null,
      revision,
    };
  }
  if (!row) return undefined;
  switch (event.type) {
    case 'SegmentRetired':
      return { ...row, status: 'retired', retired_at: event.data.retiredAt, retire_reason: event.data.reason, revision };
    case 'SegmentRedefined': {
      const { changes, redefinedAt } = event.data;
      const rule = changes.rule?.to ?? row.rule;
      return {
        ...row,
        name: changes.name?.to ?? row.name,
        description: changes.description === undefined ? row.description : changes.description.to,
        rule,
        time_based: timeBased(rule),
        rfm_based: rfmBased(rule),
        redefined_at: redefinedAt,
        revision,
      };
    }
    default:
      return unreachable(event);
  }
}

const segmentDefinitions: RowProjection<SegmentRow, ProjectedEvent<SegmentEvent>> = {
  table: CUSTOMER_TABLES.segments,
  key: 'segment_id',
  keyOf: (event) => event.data.segmentId,
  evolve: apply,
};

/**
 * Writes the batch's segment definitions; members of retired segments leave. Returns the segments
 * whose rule is new (defined or redefined in the batch), still active: their members are decided anew.
 */
export async function projectSegmentDefinitions(
  events: readonly ProjectedEvent<SegmentEvent>[],
  target: ProjectionTarget,
): Promise<SegmentRow[]> {
  const rows = await projectRows(segmentDefinitions, events, target);
  const ruled = new Set(events.filter((event) => event.type !== 'SegmentRetired').map((event) => event.data.segmentId));
  for (const row of rows) if (row.status === 'retired') await closeMembership(target, row.segment_id, row.retired_at!);
  return rows.filter((row) => row.status === 'active' && ruled.has(row.segment_id));
}
