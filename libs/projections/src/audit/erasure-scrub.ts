import { ERASED, PERSONAL_FIELDS } from '@ledgerline/domain';
import type { ProjectionTarget } from '../runner/projection';
import type { ProjectedEvent } from '../runner/projected-event';
import { AUDIT_TABLES } from '../read-model-tables';

/** The timeline's change keys that hold personal fields, as describeEvent names them (custom fields and addresses by prefix). */
const PERSONAL_CHANGE_KEYS = ['name', 'email', 'phone', 'archiveReason', 'subject', 'summary', 'outcome', 'deleteReason'];
const PERSONAL_CHANGE_PREFIXES = ['customFields.%', 'addresses.%'];
const IS_PERSONAL = `(key = ANY($2::text[]) OR key LIKE ANY($5::text[]))`;
const ERASED_SIDE = (side: string) => `CASE WHEN value->'${side}' = 'null'::jsonb THEN 'null'::jsonb ELSE to_jsonb($3::text) END`;

/**
 * On CustomerErased, the timeline rows of the customer's events (and of its interactions') keep who, when and which
 * fields changed, but no value of a personal field, and a summary that names the fields instead of quoting them.
 * A rebuild ends the same: its rows are made from the ERASED values the log then reads, and scrubbed alike.
 */
export async function scrubErasedCustomers(events: readonly ProjectedEvent[], target: ProjectionTarget): Promise<void> {
  const erased = events
    .filter((event) => event.type === 'CustomerErased')
    .map((event) => (event.data as { customerId: string }).customerId);
  if (erased.length === 0) return;
  const timeline = target.table(AUDIT_TABLES.timeline);
  // Found through the customer's own rows (indexed): every event about it, its interactions' included, has one; the
  // event's other rows (the interaction's, the deal's) hold the same changes.
  await target.sql.query(
    `WITH personal AS (
       SELECT source.event_id, masked.changes, masked.fields
       FROM ${timeline} AS source
       CROSS JOIN LATERAL (
         SELECT jsonb_object_agg(key, CASE WHEN ${IS_PERSONAL} AND jsonb_typeof(value) = 'object' AND value ? 'from'
                                           THEN jsonb_build_object('from', ${ERASED_SIDE('from')}, 'to', ${ERASED_SIDE('to')})
                                           ELSE value END) AS changes,
                string_agg(key, ', ' ORDER BY key) FILTER (WHERE ${IS_PERSONAL}) AS fields
         FROM jsonb_each(source.changes)
       ) AS masked
       WHERE source.record_kind = 'customer' AND source.customer_id = ANY($1::uuid[]) AND source.type = ANY($4::text[])
         AND masked.fields IS NOT NULL
     )
     UPDATE ${timeline} AS t SET changes = personal.changes, summary = 'personal data erased: ' || personal.fields
     FROM personal WHERE t.event_id = personal.event_id`,
    [erased, PERSONAL_CHANGE_KEYS, ERASED, [...PERSONAL_FIELDS.keys()], PERSONAL_CHANGE_PREFIXES],
  );
}
