import { factsOf, RFM_FACTS, TIME_FACTS, type SegmentRule } from '@ledgerline/domain';
import type { QueryRunner } from 'typeorm';
import type { ProjectionTarget } from '../runner/projection';
import { SqlParameters } from '../runner/sql-parameters';
import { CUSTOMER_TABLES } from '../read-model-tables';
import { rulePredicate, type Instant, type TableName } from './segment-sql';

/** Numbers each change of a stay, for publishing them in order (see the migration that made it). */
const NEXT_CHANGE = `nextval('crm.segment_membership_changes')`;
/** Written by the RFM job, never rebuilt: it always names the live table. */
const RFM = CUSTOMER_TABLES.rfm;

export type ActiveSegment = Readonly<{ segment_id: string; rule: SegmentRule }>;

export const timeBased = (rule: SegmentRule): boolean => factsOf(rule).some((fact) => TIME_FACTS.has(fact));
export const rfmBased = (rule: SegmentRule): boolean => factsOf(rule).some((fact) => RFM_FACTS.has(fact));

/** The customers (active, not archived) a rule selects, as SQL with its parameters; `scope` narrows to some customers. */
export function matchingCustomers(
  rule: SegmentRule,
  table: TableName,
  parameters: SqlParameters,
  now: Instant,
  scope?: readonly string[],
): string {
  const narrowed = scope === undefined ? '' : ` AND c.customer_id = ANY(${parameters.add(scope)}::uuid[])`;
  return `SELECT c.customer_id FROM ${table(CUSTOMER_TABLES.customers)} AS c LEFT JOIN ${RFM} AS r ON r.customer_id = c.customer_id
          WHERE c.status = 'active' AND ${rulePredicate(rule, parameters, now, table)}${narrowed}`;
}

/**
 * Serialises every change of membership (projection batches, the time sweep, RFM refreshes): each
 * then decides on the facts the previous one committed, so none undoes another's move.
 */
export const lockMemberships = (target: ProjectionTarget): Promise<unknown> =>
  target.sql.query(`LOCK TABLE ${target.table(CUSTOMER_TABLES.memberships)} IN SHARE ROW EXCLUSIVE MODE`);

/**
 * Moves customers in and out of one segment so that its current members are exactly those its rule
 * selects at `now`: stays are closed (left_at) and opened (entered_at) at `at`; nothing else is touched.
 * With `scope`, only those customers are looked at. Returns how many entered and left.
 */
export async function refreshMembership(
  target: ProjectionTarget,
  segment: ActiveSegment,
  at: string,
  scope?: readonly string[],
): Promise<{ entered: number; left: number }> {
  const parameters = new SqlParameters();
  const segmentId = parameters.add(segment.segment_id);
  const moment = `${parameters.add(at)}::timestamptz`;
  const desired = matchingCustomers(segment.rule, (live) => target.table(live), parameters, at, scope);
  const memberships = target.table(CUSTOMER_TABLES.memberships);
  const inScope = scope === undefined ? '' : ` AND m.customer_id = ANY(${parameters.add(scope)}::uuid[])`;
  const [{ entered, left }]: { entered: number; left: number }[] = await target.sql.query(
    `WITH desired AS (${desired}),
     departed AS (
       UPDATE ${memberships} AS m SET left_at = ${moment}, change_seq = ${NEXT_CHANGE}
       WHERE m.segment_id = ${segmentId} AND m.left_at IS NULL${inScope}
         AND NOT EXISTS (SELECT 1 FROM desired AS d WHERE d.customer_id = m.customer_id)
       RETURNING 1),
     arrived AS (
       INSERT INTO ${memberships} (segment_id, customer_id, entered_at, left_at)
       SELECT ${segmentId}, d.customer_id, ${moment}, NULL FROM desired AS d
       WHERE NOT EXISTS (
         SELECT 1 FROM ${memberships} AS m WHERE m.segment_id = ${segmentId} AND m.customer_id = d.customer_id AND m.left_at IS NULL)
       -- Left and came back at the same instant: the stay simply goes on.
       ON CONFLICT (segment_id, customer_id, entered_at) DO UPDATE SET left_at = NULL, change_seq = ${NEXT_CHANGE}
       RETURNING 1)
     SELECT (SELECT count(*) FROM arrived)::int AS entered, (SELECT count(*) FROM departed)::int AS left`,
    parameters.values,
  );
  return { entered, left };
}

/** Every member leaves at `at` (a retired segment). */
export async function closeMembership(target: ProjectionTarget, segmentId: string, at: string): Promise<void> {
  await target.sql.query(
    `UPDATE ${target.table(CUSTOMER_TABLES.memberships)} SET left_at = $2, change_seq = ${NEXT_CHANGE} WHERE segment_id = $1 AND left_at IS NULL`,
    [segmentId, at],
  );
}

export async function activeSegments(sql: QueryRunner, segmentsTable: string, where = 'TRUE'): Promise<ActiveSegment[]> {
  return sql.query(`SELECT segment_id, rule FROM ${segmentsTable} WHERE status = 'active' AND ${where} ORDER BY segment_id`);
}
