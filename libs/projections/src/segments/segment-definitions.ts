import type { SegmentRule } from '@ledgerline/domain';
import type { RecordedEvent } from '@ledgerline/event-store';
import type { ProjectionTarget } from '../runner/projection';
import { loadRows, upsertRows } from '../runner/upsert';
import { closeMembership, rfmBased, SEGMENTS, timeBased } from './segment-membership';

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

type Changes = { name?: { to: string }; description?: { to: string | null }; rule?: { to: SegmentRule } };

function apply(row: SegmentRow | undefined, { type, data, revision }: RecordedEvent): SegmentRow | undefined {
  if (type === 'SegmentDefined') {
    const rule = data.rule as SegmentRule;
    return {
      segment_id: String(data.segmentId),
      name: String(data.name),
      description: (data.description as string | null) ?? null,
      rule,
      status: 'active',
      time_based: timeBased(rule),
      rfm_based: rfmBased(rule),
      defined_at: String(data.definedAt),
      redefined_at: null,
      retired_at: null,
      retire_reason: null,
      revision,
    };
  }
  if (!row) return undefined;
  if (type === 'SegmentRetired') {
    return {
      ...row,
      status: 'retired',
      retired_at: String(data.retiredAt),
      retire_reason: (data.reason as string | null) ?? null,
      revision,
    };
  }
  const changes = data.changes as Changes;
  const rule = changes.rule?.to ?? row.rule;
  return {
    ...row,
    name: changes.name?.to ?? row.name,
    description: changes.description === undefined ? row.description : changes.description.to,
    rule,
    time_based: timeBased(rule),
    rfm_based: rfmBased(rule),
    redefined_at: String(data.redefinedAt),
    revision,
  };
}

/**
 * Writes the batch's segment definitions; members of retired segments leave. Returns the segments
 * whose rule is new (defined or redefined in the batch), still active: their members are decided anew.
 */
export async function projectSegmentDefinitions(events: readonly RecordedEvent[], target: ProjectionTarget): Promise<SegmentRow[]> {
  if (events.length === 0) return [];
  const rows = await loadRows<SegmentRow>(target, SEGMENTS, 'segment_id', [...new Set(events.map(({ data }) => String(data.segmentId)))]);
  const ruled = new Set<string>();
  for (const event of events) {
    const id = String(event.data.segmentId);
    const next = apply(rows.get(id), event);
    if (!next) continue;
    rows.set(id, next);
    if (event.type !== 'SegmentRetired') ruled.add(id);
  }
  await upsertRows(target, SEGMENTS, ['segment_id'], [...rows.values()]);
  for (const row of rows.values()) if (row.status === 'retired') await closeMembership(target, row.segment_id, row.retired_at!);
  return [...rows.values()].filter((row) => row.status === 'active' && ruled.has(row.segment_id));
}
