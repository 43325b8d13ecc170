import { Inject, Injectable } from '@nestjs/common';
import { comparableContactPoint, type ContactPoint } from '@ledgerline/domain';
import type { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '../cursor';
import { iso } from '../runner/iso';
import { READ_MODEL_DATABASE } from '../tokens';
import { customerView, type CustomerRow, type CustomerView } from './customer-view';
import { CUSTOMER_TABLES } from '../read-model-tables';
import { COMPARABLE_PHONE } from './contact-point-sql';

export type CustomerFilters = Readonly<{
  lifecycleStage?: string;
  owner?: string;
  tag?: string;
  country?: string;
  /** City and region of the customer's location (customerLocation). */
  city?: string;
  region?: string;
  industry?: string;
  status?: 'active' | 'archived' | 'erased';
  /** Current members of this segment. */
  segment?: string;
  /** Free text, matched against name and email (case-insensitive substring). */
  q?: string;
}>;

export type CustomerSort = 'name' | 'registeredAt';

export type CustomerDetail = CustomerView & {
  segments: { segmentId: string; name: string; enteredAt: string }[];
  rfm: { recency: number; frequency: number; monetary: number; currency: string; computedAt: string } | null;
};

export type CustomerPage = Readonly<{ items: CustomerView[]; nextCursor: string | null }>;

const SORT_COLUMNS: Readonly<Record<CustomerSort, string>> = { name: 'lower(name)', registeredAt: 'registered_at' };

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/** Reads of the customers read model: the 360 view of one customer and filtered, sorted, keyset-paginated lists. */
@Injectable()
export class CustomersQueries {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: DataSource) {}

  /** The 360 view, with the segments the customer is in and its RFM scores (null without purchases). */
  async get(customerId: string): Promise<CustomerDetail | undefined> {
    const [row]: CustomerRow[] = await this.db.query(`SELECT * FROM ${CUSTOMER_TABLES.customers} WHERE customer_id = $1`, [customerId]);
    if (!row) return undefined;
    const segments: { segment_id: string; name: string; entered_at: Date }[] = await this.db.query(
      `SELECT m.segment_id, s.name, m.entered_at FROM ${CUSTOMER_TABLES.memberships} AS m JOIN ${CUSTOMER_TABLES.segments} AS s USING (segment_id)
       WHERE m.customer_id = $1 AND m.left_at IS NULL ORDER BY m.entered_at, m.segment_id`,
      [customerId],
    );
    const [rfm]: { recency: number; frequency: number; monetary: number; currency: string; computed_at: Date }[] = await this.db.query(
      `SELECT recency, frequency, monetary, currency, computed_at FROM ${CUSTOMER_TABLES.rfm} WHERE customer_id = $1`,
      [customerId],
    );
    return {
      ...customerView(row),
      segments: segments.map((segment) => ({ segmentId: segment.segment_id, name: segment.name, enteredAt: iso(segment.entered_at) })),
      rfm: rfm
        ? {
            recency: rfm.recency,
            frequency: rfm.frequency,
            monetary: rfm.monetary,
            currency: rfm.currency,
            computedAt: iso(rfm.computed_at),
          }
        : null,
    };
  }

  async list(filters: CustomerFilters, sort: CustomerSort, descending: boolean, limit: number, cursor?: string): Promise<CustomerPage> {
    const where: string[] = [];
    const parameters: unknown[] = [];
    const bind = (value: unknown) => `$${parameters.push(value)}`;
    const equal = {
      lifecycle_stage: filters.lifecycleStage,
      owner: filters.owner,
      country: filters.country,
      city: filters.city,
      region: filters.region,
      industry: filters.industry,
      status: filters.status,
    };
    for (const [column, value] of Object.entries(equal)) if (value !== undefined) where.push(`${column} = ${bind(value)}`);
    if (filters.tag !== undefined) where.push(`tags @> ARRAY[${bind(filters.tag)}]::text[]`);
    if (filters.segment !== undefined) {
      where.push(`EXISTS (SELECT 1 FROM ${CUSTOMER_TABLES.memberships} AS m
                          WHERE m.segment_id = ${bind(filters.segment)}::uuid AND m.customer_id = ${CUSTOMER_TABLES.customers}.customer_id AND m.left_at IS NULL)`);
    }
    if (filters.q !== undefined) {
      const pattern = bind(`%${escapeLike(filters.q)}%`);
      where.push(`(name ILIKE ${pattern} OR email ILIKE ${pattern})`);
    }
    const key = SORT_COLUMNS[sort];
    if (cursor !== undefined) {
      const [lastKey, lastId] = decodeCursor(cursor);
      const typedKey = sort === 'registeredAt' ? `${bind(lastKey)}::timestamptz` : bind(lastKey);
      where.push(`(${key}, customer_id) ${descending ? '<' : '>'} (${typedKey}, ${bind(lastId)}::uuid)`);
    }
    const direction = descending ? 'DESC' : 'ASC';
    const rows: (CustomerRow & { sort_key: string })[] = await this.db.query(
      `SELECT *, (${key})::text AS sort_key FROM ${CUSTOMER_TABLES.customers}
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${key} ${direction}, customer_id ${direction}
       LIMIT ${bind(limit + 1)}`,
      parameters,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => customerView(row)),
      nextCursor: rows.length > limit && last ? encodeCursor(last.sort_key, last.customer_id) : null,
    };
  }

  /** The active customer with this e-mail or phone registered first, if any (the read model may be a moment behind). */
  async withContactPoint(contact: ContactPoint): Promise<string | undefined> {
    const column = contact.kind === 'email' ? 'email' : COMPARABLE_PHONE;
    const [row]: { customer_id: string }[] = await this.db.query(
      `SELECT customer_id FROM ${CUSTOMER_TABLES.customers}
       WHERE ${column} = $1 AND status = 'active' ORDER BY registered_at, customer_id LIMIT 1`,
      [comparableContactPoint(contact)],
    );
    return row?.customer_id;
  }
}
