import { EVENT_TYPES, RECORD_KIND_NAMES, recordIdOf, recordKindOfEventType, type RecordKind } from '@ledgerline/domain';
import type { Projection, ProjectionTarget } from '../runner/projection';
import type { ProjectedEvent } from '../runner/projected-event';
import { loadRows } from '../runner/upsert';
import { AUDIT_TABLES } from '../read-model-tables';
import { describeEvent, type AuditChanges } from './change-summaries';
import { scrubErasedCustomers } from './erasure-scrub';

type RecordRef = Readonly<{ kind: RecordKind; id: string }>;

/** Which customer (and deal) a deal or an interaction belongs to: set by its first event, never changed after. */
type LinkRow = { record_id: string; record_kind: 'deal' | 'interaction'; customer_id: string; deal_id: string | null };

export type AuditTimelineRow = {
  event_id: string;
  record_kind: RecordKind;
  record_id: string;
  /** The event's $all position, as a decimal string. */
  position: string;
  customer_id: string | null;
  stream_id: string;
  revision: number;
  type: string;
  occurred_at: string | Date | null;
  recorded_at: string | Date;
  actor: Record<string, unknown> | null;
  correlation_id: string | null;
  causation_id: string | null;
  source: string | null;
  summary: string;
  changes: AuditChanges;
};

/** The record an event is about: the one whose stream holds it. */
function subjectOf(event: ProjectedEvent): RecordRef {
  const kind = recordKindOfEventType(event.type);
  if (kind === undefined) throw new Error(`Event type ${event.type} belongs to no record kind`);
  return { kind, id: recordIdOf(kind, event.data) };
}

/** The link a record's creation event sets up, if it is a deal's or an interaction's. */
function linkCreatedBy(event: ProjectedEvent): LinkRow | undefined {
  if (event.type === 'DealOpened') {
    return { record_id: event.data.dealId, record_kind: 'deal', customer_id: event.data.customerId, deal_id: null };
  }
  if (event.type === 'InteractionLogged') {
    const { interactionId, customerId, dealId } = event.data;
    return { record_id: interactionId, record_kind: 'interaction', customer_id: customerId, deal_id: dealId };
  }
  return undefined;
}

/** The records an event affects: its own, then the deal and the customer it belongs to. */
function affectedRecords(subject: RecordRef, link: LinkRow | undefined): { records: RecordRef[]; customerId: string | null } {
  if (subject.kind === 'customer') return { records: [subject], customerId: subject.id };
  if (!link) return { records: [subject], customerId: null };
  const deal: RecordRef[] = link.deal_id === null ? [] : [{ kind: 'deal', id: link.deal_id }];
  return { records: [subject, ...deal, { kind: 'customer', id: link.customer_id }], customerId: link.customer_id };
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function timelineRows(event: ProjectedEvent, subject: RecordRef, link: LinkRow | undefined): AuditTimelineRow[] {
  const { summary, changes } = describeEvent(event);
  const { records, customerId } = affectedRecords(subject, link);
  const { metadata } = event;
  const actor = metadata.actor;
  return records.map((record) => ({
    event_id: event.id,
    record_kind: record.kind,
    record_id: record.id,
    position: event.position.toString(),
    customer_id: customerId,
    stream_id: event.streamId,
    revision: event.revision,
    type: event.type,
    occurred_at: text(metadata.occurredAt),
    recorded_at: event.recordedAt.toISOString(),
    actor: typeof actor === 'object' && actor !== null ? (actor as Record<string, unknown>) : null,
    correlation_id: text(metadata.correlationId),
    causation_id: text(metadata.causationId),
    source: text(metadata.source),
    summary,
    changes,
  }));
}

/** Appends rows; a row already there (the same event applied again) is left as it is, never merged. */
async function insertNew(target: ProjectionTarget, table: string, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const name = target.table(table);
  await target.sql.query(`INSERT INTO ${name} SELECT * FROM jsonb_populate_recordset(NULL::${name}, $1::jsonb) ON CONFLICT DO NOTHING`, [
    JSON.stringify(rows),
  ]);
}

/**
 * The audit timeline: one row per event per record it affects, with who, when, through what and a
 * change summary. An event about a deal or an interaction also affects its customer (and an
 * interaction about a deal, that deal), found through the links their first events set up.
 */
export const auditTimelineProjection: Projection = {
  name: 'audit-timeline',
  version: 1,
  eventTypes: RECORD_KIND_NAMES.flatMap((kind) => EVENT_TYPES[kind]),
  tables: [AUDIT_TABLES.timeline, AUDIT_TABLES.links],
  async handle(events, target): Promise<void> {
    const subjects = events.map(subjectOf);
    const linked = subjects.filter((subject) => subject.kind === 'deal' || subject.kind === 'interaction').map((subject) => subject.id);
    const links = await loadRows<LinkRow>(target, AUDIT_TABLES.links, 'record_id', [...new Set(linked)]);
    const created: LinkRow[] = [];
    const rows: AuditTimelineRow[] = [];
    events.forEach((event, index) => {
      const link = linkCreatedBy(event);
      if (link) {
        links.set(link.record_id, link);
        created.push(link);
      }
      const subject = subjects[index];
      rows.push(...timelineRows(event, subject, subject.kind === 'customer' ? undefined : links.get(subject.id)));
    });
    await insertNew(target, AUDIT_TABLES.links, created);
    await insertNew(target, AUDIT_TABLES.timeline, rows);
    await scrubErasedCustomers(events, target);
  },
};
