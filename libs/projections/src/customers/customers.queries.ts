import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { READ_MODEL_DATABASE } from '../tokens';
import { customerView, type CustomerRow, type CustomerView } from './customer-view';

export type CustomerFilters = Readonly<{
  lifecycleStage?: string;
  owner?: string;
  tag?: string;
  country?: string;
  industry?: string;
  status?: 'active' | 'archived';
  /** Free text, matched against name and email (case-insensitive substring). */
  q?: string;
}>;

export type CustomerSort = 'name' | 'registeredAt';

export type CustomerPage = Readonly<{ items: CustomerView[]; nextCursor: string | null }>;

const SORT_COLUMNS: Readonly<Record<CustomerSort, string>> = { name: 'lower(name)', registeredAt: 'registered_at' };

/** An opaque cursor: the sort key and id of the last row of the previous page. */
const encodeCursor = (key: string, id: string): string => Buffer.from(JSON.stringify([key, id])).toString('base64url');

export class InvalidCursor extends Error {
  constructor() {
    super('cursor is not one this API returned');
    this.name = 'InvalidCursor';
  }
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2 && decoded.every((part) => typeof part === 'string'))
      return decoded as [string, string];
  } catch {
    // fall through
  }
  throw new InvalidCursor();
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/** Reads of the customers read model: the 360 view of one customer and filtered, sorted, keyset-paginated lists. */
@Injectable()
export class CustomersQueries {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: DataSource) {}

  async get(customerId: string): Promise<CustomerView | undefined> {
    const [row]: CustomerRow[] = await this.db.query(`SELECT * FROM crm.customers WHERE customer_id = $1`, [customerId]);
    return row && customerView(row);
  }

  async list(filters: CustomerFilters, sort: CustomerSort, descending: boolean, limit: number, cursor?: string): Promise<CustomerPage> {
    const where: string[] = [];
    const parameters: unknown[] = [];
    const bind = (value: unknown) => `$${parameters.push(value)}`;
    const equal = {
      lifecycle_stage: filters.lifecycleStage,
      owner: filters.owner,
      country: filters.country,
      industry: filters.industry,
      status: filters.status,
    };
    for (const [column, value] of Object.entries(equal)) if (value !== undefined) where.push(`${column} = ${bind(value)}`);
    if (filters.tag !== undefined) where.push(`tags @> ARRAY[${bind(filters.tag)}]::text[]`);
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
      `SELECT *, (${key})::text AS sort_key FROM crm.customers
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
}
