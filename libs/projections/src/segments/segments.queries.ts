import { Inject, Injectable } from '@nestjs/common';
import { segmentRule, type SegmentRule } from '@ledgerline/domain';
import type { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '../cursor';
import { iso } from '../runner/iso';
import { READ_MODEL_DATABASE } from '../tokens';
import type { SegmentRow } from './segment-definitions';
import { matchingCustomers } from './segment-membership';
import { SqlParameters } from '../runner/sql-parameters';
import { CUSTOMER_TABLES } from '../read-model-tables';

type SegmentReadRow = Omit<SegmentRow, 'defined_at' | 'redefined_at' | 'retired_at'> & {
  defined_at: Date;
  redefined_at: Date | null;
  retired_at: Date | null;
  members: number;
};

const segmentView = (row: SegmentReadRow) => ({
  segmentId: row.segment_id,
  name: row.name,
  description: row.description,
  rule: row.rule,
  status: row.status,
  /** Its rule uses relative time: members also move as time passes. */
  timeBased: row.time_based,
  /** Its rule uses RFM scores: members also move when the scores are recomputed. */
  rfmBased: row.rfm_based,
  members: row.members,
  definedAt: iso(row.defined_at),
  redefinedAt: iso(row.redefined_at),
  retiredAt: iso(row.retired_at),
  retireReason: row.retire_reason,
  revision: row.revision,
});

export type SegmentView = ReturnType<typeof segmentView>;

export type SegmentMember = Readonly<{
  customerId: string;
  name: string;
  lifecycleStage: string;
  owner: string | null;
  enteredAt: string;
  leftAt: string | null;
}>;

export type DryRun = Readonly<{ rule: SegmentRule; asOf: string; matching: number; sample: { customerId: string; name: string }[] }>;

const SEGMENT_SELECT = `SELECT s.*, (SELECT count(*) FROM ${CUSTOMER_TABLES.memberships} AS m
                                     WHERE m.segment_id = s.segment_id AND m.left_at IS NULL)::int AS members
                        FROM ${CUSTOMER_TABLES.segments} AS s`;

/** Reads of segments: definitions with member counts, members (current or every stay) and dry runs of rules. */
@Injectable()
export class SegmentQueries {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: DataSource) {}

  async list(status?: 'active' | 'retired'): Promise<SegmentView[]> {
    const rows: SegmentReadRow[] = await this.db.query(
      `${SEGMENT_SELECT} ${status === undefined ? '' : 'WHERE s.status = $1'} ORDER BY s.defined_at, s.segment_id`,
      status === undefined ? [] : [status],
    );
    return rows.map(segmentView);
  }

  async get(segmentId: string): Promise<SegmentView | undefined> {
    const [row]: SegmentReadRow[] = await this.db.query(`${SEGMENT_SELECT} WHERE s.segment_id = $1`, [segmentId]);
    return row && segmentView(row);
  }

  /** Whether the read model knows the segment (without counting its members, as get does). */
  async exists(segmentId: string): Promise<boolean> {
    const [row]: { known: boolean }[] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM ${CUSTOMER_TABLES.segments} WHERE segment_id = $1) AS known`,
      [segmentId],
    );
    return row.known;
  }

  /** In order of entry; `history` includes past stays (left_at set) as well as current ones. */
  async members(
    segmentId: string,
    { history, limit, cursor }: { history: boolean; limit: number; cursor?: string },
  ): Promise<{ items: SegmentMember[]; nextCursor: string | null }> {
    const parameters = new SqlParameters();
    const where = [`m.segment_id = ${parameters.add(segmentId)}`];
    if (!history) where.push('m.left_at IS NULL');
    if (cursor !== undefined) {
      const [enteredAt, customerId] = decodeCursor(cursor);
      where.push(`(m.entered_at, m.customer_id) > (${parameters.add(enteredAt)}::timestamptz, ${parameters.add(customerId)}::uuid)`);
    }
    const rows: {
      customer_id: string;
      name: string;
      lifecycle_stage: string;
      owner: string | null;
      entered_at: Date;
      left_at: Date | null;
    }[] = await this.db.query(
      `SELECT m.customer_id, c.name, c.lifecycle_stage, c.owner, m.entered_at, m.left_at
         FROM ${CUSTOMER_TABLES.memberships} AS m JOIN ${CUSTOMER_TABLES.customers} AS c ON c.customer_id = m.customer_id
         WHERE ${where.join(' AND ')}
         ORDER BY m.entered_at, m.customer_id LIMIT ${parameters.add(limit + 1)}`,
      parameters.values,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => ({
        customerId: row.customer_id,
        name: row.name,
        lifecycleStage: row.lifecycle_stage,
        owner: row.owner,
        enteredAt: iso(row.entered_at),
        leftAt: iso(row.left_at),
      })),
      nextCursor: rows.length > limit && last ? encodeCursor(iso(last.entered_at), last.customer_id) : null,
    };
  }

  /** Who a rule would select now, without saving it: how many, and the first `limit` by name. Throws InvalidSegmentRule. */
  async dryRun(input: unknown, limit: number, now: Date = new Date()): Promise<DryRun> {
    const rule = segmentRule(input);
    const parameters = new SqlParameters();
    const matching = matchingCustomers(rule, (live) => live, parameters, now.toISOString());
    const [{ count }]: { count: number }[] = await this.db.query(
      `SELECT count(*)::int AS count FROM (${matching}) AS m`,
      parameters.values,
    );
    const sample: { customer_id: string; name: string }[] = await this.db.query(
      `SELECT c.customer_id, c.name FROM ${CUSTOMER_TABLES.customers} AS c WHERE c.customer_id IN (${matching})
       ORDER BY lower(c.name), c.customer_id LIMIT ${parameters.add(limit)}`,
      parameters.values,
    );
    return {
      rule,
      asOf: now.toISOString(),
      matching: count,
      sample: sample.map((row) => ({ customerId: row.customer_id, name: row.name })),
    };
  }
}
