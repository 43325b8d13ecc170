import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '../cursor';
import { READ_MODEL_DATABASE } from '../tokens';
import type { AuditTimelineRow } from './audit-timeline.projection';
import { iso } from '../runner/iso';
import { AUDIT_TABLES } from '../read-model-tables';

/** "deal-<id>" → { kind: 'deal', id }: a record of kind K lives in the stream `K-<id>`. */
const recordOfStream = (streamId: string) => {
  const dash = streamId.indexOf('-');
  return { kind: streamId.slice(0, dash), id: streamId.slice(dash + 1) };
};

/** One entry of a timeline, as the API shows it. */
export const timelineEntry = (row: AuditTimelineRow) => ({
  /** $all position, a decimal string (it can exceed JSON's safe integers). */
  position: String(row.position),
  eventId: row.event_id,
  type: row.type,
  /** The record the event is about: the customer itself, or one of its deals or interactions. */
  record: recordOfStream(row.stream_id),
  revision: row.revision,
  occurredAt: iso(row.occurred_at),
  recordedAt: iso(row.recorded_at),
  actor: row.actor,
  correlationId: row.correlation_id,
  causationId: row.causation_id,
  source: row.source,
  summary: row.summary,
  changes: row.changes,
});

export type TimelineEntry = ReturnType<typeof timelineEntry>;

export type TimelinePage = Readonly<{ items: TimelineEntry[]; nextCursor: string | null }>;

/** An opaque cursor: the position of the last entry of the previous page. */
const encodeTimelineCursor = (position: string): string => encodeCursor('timeline', position);

const decodeTimelineCursor = (cursor: string): string =>
  decodeCursor(cursor, (tag, position) => tag === 'timeline' && /^\d{1,40}$/.test(position))[1];

/** Reads of the audit timeline read model. */
@Injectable()
export class AuditTimelineQueries {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: DataSource) {}

  /**
   * The customer's own events and those of its deals and interactions, newest first, in pages
   * (keyset on the $all position); undefined when the read model knows no such customer.
   */
  async customerTimeline(customerId: string, limit: number, cursor?: string): Promise<TimelinePage | undefined> {
    const before = cursor === undefined ? undefined : decodeTimelineCursor(cursor);
    const parameters: unknown[] = [customerId, limit + 1];
    const rows: AuditTimelineRow[] = await this.db.query(
      `SELECT * FROM ${AUDIT_TABLES.timeline}
       WHERE customer_id = $1 AND record_kind = 'customer' ${before === undefined ? '' : `AND position < $${parameters.push(before)}`}
       ORDER BY position DESC
       LIMIT $2`,
      parameters,
    );
    if (rows.length === 0 && (before === undefined || !(await this.knows(customerId)))) return undefined;
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: page.map(timelineEntry), nextCursor: rows.length > limit && last ? encodeTimelineCursor(String(last.position)) : null };
  }

  private async knows(customerId: string): Promise<boolean> {
    const [{ known }]: { known: boolean }[] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM ${AUDIT_TABLES.timeline} WHERE customer_id = $1 AND record_kind = 'customer') AS known`,
      [customerId],
    );
    return known;
  }
}
