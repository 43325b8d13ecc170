import { customerDecider, ExternalReferenceTaken, InvalidEmail, type CustomerCommand } from '@ledgerline/domain';
import { PostgresEventStore, type AppendRequest } from '@ledgerline/event-store';
import { createTestDatabase } from '@ledgerline/testing';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../command-context';
import { DeciderRunner } from '../decider-runner';
import { EventCodec } from '../event-codec';
import { streamIds } from '../records/stream-ids';
import { CustomerBatchWriter, type CustomerWrite } from './customer-batch-writer';
import { ExternalReferenceIndex } from './external-reference-index';

const NOW = new Date('2026-11-02T10:00:00.000Z');

describe('CustomerBatchWriter (PostgreSQL event store)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let store: PostgresEventStore;
  let runner: DeciderRunner;
  let index: ExternalReferenceIndex;
  let writer: CustomerBatchWriter;
  const codec = new EventCodec();

  beforeAll(async () => {
    database = await createTestDatabase();
    store = await PostgresEventStore.open(database.url);
    runner = new DeciderRunner(store, codec, 5);
    index = new ExternalReferenceIndex(runner);
    writer = new CustomerBatchWriter(store, codec, runner, index);
  });

  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  const context = (key: string): CommandContext => ({
    actor: { type: 'system', id: 'import-test', roles: [] },
    correlationId: 'job-1',
    causationId: key,
    idempotencyKey: key,
    source: 'import:test',
    now: NOW,
  });
  const command = <T extends CustomerCommand['type']>(type: T, data: Extract<CustomerCommand, { type: T }>['data']) =>
    ({ type, data, metadata: { now: NOW } }) as CustomerCommand;
  /** Registers the customer if it is new, links its ERP id, and sets its name. */
  const upsert = (customerId: string, erpId: string, name: string, email?: string): CustomerWrite => ({
    customerId,
    context: context(`${customerId}:${erpId}:${name}`),
    plan: (state) => [
      state.status === 'none'
        ? command('RegisterCustomer', { customerId, kind: 'company', name, ...(email ? { email } : {}) })
        : command('UpdateCustomerProfile', { customerId, name }),
      command('LinkExternalReference', { customerId, system: 'erp', externalId: erpId }),
    ],
  });
  const types = async (customerId: string) => (await store.readStream(streamIds.customer(customerId))).map((event) => event.type);

  it('registers and links many customers at once, and finds each by its ERP id right after', async () => {
    const ids = Array.from({ length: 50 }, () => randomUUID());

    const outcomes = await writer.write(ids.map((id, n) => upsert(id, `B-${n}`, `Customer ${n}`)));

    expect(outcomes.every((outcome) => outcome.status === 'applied' && outcome.appended === 2)).toBe(true);
    for (const [n, id] of ids.entries()) await expect(index.holderOf('erp', `B-${n}`)).resolves.toEqual({ customerId: id, revision: 1 });
  });

  it('changes nothing when the same writes come again', async () => {
    const ids = [randomUUID(), randomUUID()];
    const writes = ids.map((id, n) => upsert(id, `R-${n}`, `Repeat ${n}`));
    await writer.write(writes);

    expect(await writer.write(writes)).toEqual([{ status: 'unchanged' }, { status: 'unchanged' }]);
    for (const id of ids) expect(await types(id)).toEqual(['CustomerRegistered', 'CustomerExternalReferenceLinked']);
  });

  it('decides the writes to one customer in turn and appends them together', async () => {
    const id = randomUUID();

    const outcomes = await writer.write([upsert(id, 'T-1', 'First name'), upsert(id, 'T-1', 'Second name')]);

    expect(outcomes).toEqual([
      { status: 'applied', appended: 2 },
      { status: 'applied', appended: 1 },
    ]);
    expect(await types(id)).toEqual(['CustomerRegistered', 'CustomerExternalReferenceLinked', 'CustomerProfileUpdated']);
  });

  it('refuses only the writes that break a rule or want an id another customer holds', async () => {
    const [holder, rival, invalid, fine] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await writer.write([upsert(holder, 'X-1', 'Holder')]);

    const outcomes = await writer.write([
      upsert(rival, 'X-1', 'Rival'),
      upsert(invalid, 'X-2', 'Invalid', 'not-an-email'),
      upsert(fine, 'X-3', 'Fine'),
    ]);

    expect(outcomes[0]).toMatchObject({ status: 'rejected', error: expect.any(ExternalReferenceTaken) });
    expect(outcomes[1]).toMatchObject({ status: 'rejected', error: expect.any(InvalidEmail) });
    expect(outcomes[2]).toEqual({ status: 'applied', appended: 2 });
    expect(await types(rival)).toEqual([]);
    expect(await types(invalid)).toEqual([]);
    expect((await index.holderOf('erp', 'X-1'))?.customerId).toBe(holder);
  });

  it('decides again, one by one, the customers another writer changed between the read and the append', async () => {
    const [contested, untouched] = [randomUUID(), randomUUID()];
    await writer.write([upsert(contested, 'C-1', 'Before')]);
    const interfering = new CustomerBatchWriter(
      Object.assign(Object.create(store) as PostgresEventStore, {
        appendMany: async (requests: readonly AppendRequest[]) => {
          if (requests.some((request) => request.streamId === streamIds.customer(contested))) {
            await runner.execute(
              customerDecider,
              streamIds.customer(contested),
              command('AddCustomerTags', { customerId: contested, tags: ['vip'] }),
              context('interfering'),
            );
          }
          return store.appendMany(requests);
        },
      }),
      codec,
      runner,
      index,
    );

    const outcomes = await interfering.write([upsert(contested, 'C-1', 'After'), upsert(untouched, 'C-2', 'Untouched')]);

    expect(outcomes).toEqual([
      { status: 'applied', appended: 1 },
      { status: 'applied', appended: 2 },
    ]);
    expect(await types(contested)).toEqual([
      'CustomerRegistered',
      'CustomerExternalReferenceLinked',
      'CustomerTagsAdded',
      'CustomerProfileUpdated',
    ]);
  });
});
