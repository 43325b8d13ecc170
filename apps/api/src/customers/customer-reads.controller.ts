import { Controller, Get, Headers, Inject, Query } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { streamIds, UnknownRecord } from '@ledgerline/application';
import { EVENT_STORE, type EventStore } from '@ledgerline/event-store';
import { CustomersQueries, customersProjection, ReadModelFreshness } from '@ledgerline/projections';
import { ReadErrors } from '../http/api-docs';
import { ConsistencyQuery, readConsistently, ReadModelPosition, type PositionHeader } from '../http/read-consistency';
import { AnswersRecord } from '../http/record-as-of';
import { RecordId } from '../http/record-id';
import { ListCustomersQuery } from './customer-queries';
import { CAN } from '../auth/role-matrix';
import { Roles } from '../auth/roles.decorator';

const PROJECTION = customersProjection.name;

/** Customer reads, answered from the customers read model; X-Read-Model-Position says how fresh. */
@ApiTags('customers')
@Roles(...CAN.read)
@Controller('v1/customers')
export class CustomerReadsController {
  constructor(
    private readonly customers: CustomersQueries,
    private readonly freshness: ReadModelFreshness,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List customers with filters, sorted, in pages (cursor)' })
  @ApiOkResponse({ description: '{ items: [customer 360 view], nextCursor }' })
  async list(@Query() query: ListCustomersQuery, @ReadModelPosition() position: PositionHeader) {
    const { consistentWith, sort = 'name', order = 'asc', limit = 50, cursor, ...filters } = query;
    position.set(await readConsistently(this.freshness, PROJECTION, consistentWith === undefined ? undefined : BigInt(consistentWith)));
    return this.customers.list(filters, sort, order === 'desc', limit, cursor);
  }

  @Get(':id')
  @ReadErrors()
  @ApiOperation({ summary: 'The customer 360 view: profile, deals, interactions and purchases; ETag is its revision' })
  @ApiHeader({
    name: 'Read-After-Write',
    required: false,
    description: "Any value: wait (up to 5 s) until the view shows the customer's latest change",
  })
  @AnswersRecord('customer')
  async get(
    @RecordId() id: string,
    @Query() { consistentWith }: ConsistencyQuery,
    @Headers('read-after-write') readAfterWrite: string | undefined,
    @ReadModelPosition() position: PositionHeader,
  ) {
    const target =
      consistentWith !== undefined ? BigInt(consistentWith) : readAfterWrite !== undefined ? await this.latestPosition(id) : undefined;
    position.set(await readConsistently(this.freshness, PROJECTION, target));
    const customer = await this.customers.get(id);
    if (!customer) throw new UnknownRecord('customer', id);
    return { state: customer, revision: customer.revision };
  }

  private async latestPosition(customerId: string) {
    const [last] = await this.store.readStream(streamIds.customer(customerId), { direction: 'backwards', maxCount: 1 });
    if (!last) throw new UnknownRecord('customer', customerId);
    return last.position;
  }
}
