import { customerDecider, type CustomerCommand } from '@ledgerline/domain';
import { CUSTOMER_ID, customerCommand } from '@ledgerline/domain/customer/customer.fixtures';
import { InMemoryEventStore } from '@ledgerline/event-store';
import type { CommandContext } from '../command-context';
import { DeciderRunner } from '../decider-runner';
import { EventCodec } from '../event-codec';
import { RecordReader } from './record-reader';
import { streamIds } from './stream-ids';
import { RecordDidNotExistYet, ReversedRange, UnknownRecord, UnknownRevision } from './unknown-record';

const context = (user: string, correlationId: string): CommandContext => ({
  actor: { type: 'user', id: user, roles: ['sales'] },
  correlationId,
  causationId: correlationId,
  source: 'api',
  now: new Date(),
});

const at = (iso: string) => new Date(iso);

describe('RecordReader: a record at any point of its history', () => {
  let reader: RecordReader;

  beforeAll(async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const store = new InMemoryEventStore();
    const codec = new EventCodec();
    const runner = new DeciderRunner(store, codec, 1);
    const write = async (iso: string, user: string, command: CustomerCommand) => {
      jest.setSystemTime(at(iso));
      await runner.execute(customerDecider, streamIds.customer(CUSTOMER_ID), command, context(user, `flow-${iso}`));
    };
    await write(
      '2026-01-10T08:00:00.000Z',
      'ana',
      customerCommand('RegisterCustomer', { customerId: CUSTOMER_ID, kind: 'company', name: 'Acme' }),
    );
    await write('2026-02-01T08:00:00.000Z', 'ben', customerCommand('UpdateCustomerProfile', { customerId: CUSTOMER_ID, name: 'Acme AG' }));
    await write('2026-03-01T08:00:00.000Z', 'ana', customerCommand('AddCustomerTags', { customerId: CUSTOMER_ID, tags: ['vip'] }));
    jest.useRealTimers();
    reader = new RecordReader(runner, codec, store);
  });

  it('gives the state right after a revision, with the event that made it', async () => {
    const record = await reader.asOf('customer', CUSTOMER_ID, { revision: 1 });
    expect(record).toMatchObject({ kind: 'customer', id: CUSTOMER_ID, revision: 1, state: { name: 'Acme AG', tags: [] } });
    expect(record.event).toMatchObject({ type: 'CustomerProfileUpdated', revision: 1, metadata: { actor: { id: 'ben' } } });
    expect(record).not.toHaveProperty('asOf');
  });

  it('gives the state at an instant: every event recorded until then, that very millisecond included', async () => {
    expect(await reader.asOf('customer', CUSTOMER_ID, { instant: at('2026-02-15T00:00:00Z') })).toMatchObject({
      revision: 1,
      asOf: '2026-02-15T00:00:00.000Z',
      state: { name: 'Acme AG', tags: [] },
    });
    expect(await reader.asOf('customer', CUSTOMER_ID, { instant: at('2026-03-01T08:00:00.000Z') })).toMatchObject({ revision: 2 });
    expect(await reader.asOf('customer', CUSTOMER_ID, { instant: at('2026-03-01T07:59:59.999Z') })).toMatchObject({ revision: 1 });
  });

  it('refuses an instant before the record existed, a revision it never reached, and a record that does not exist', async () => {
    await expect(reader.asOf('customer', CUSTOMER_ID, { instant: at('2026-01-01T00:00:00Z') })).rejects.toThrow(RecordDidNotExistYet);
    await expect(reader.asOf('customer', CUSTOMER_ID, { revision: 3 })).rejects.toThrow(UnknownRevision);
    await expect(reader.asOf('customer', '00000000-0000-4000-8000-000000000000', { revision: 0 })).rejects.toThrow(UnknownRecord);
  });

  it('lists the field changes between two points, each with its actor and correlation', async () => {
    const diff = await reader.diff('customer', CUSTOMER_ID, { revision: 0 }, { instant: at('2026-03-02T00:00:00Z') });
    expect(diff).toMatchObject({ fromRevision: 0, toRevision: 2 });
    expect(diff.changes).toEqual([
      expect.objectContaining({ field: 'name', from: 'Acme', to: 'Acme AG', revision: 1, actor: expect.objectContaining({ id: 'ben' }) }),
      expect.objectContaining({ field: 'tags', added: ['vip'], removed: [], revision: 2, correlationId: 'flow-2026-03-01T08:00:00.000Z' }),
    ]);
  });

  it('starts a diff before the record existed with its creation, and ends it at the latest revision by default', async () => {
    const diff = await reader.diff('customer', CUSTOMER_ID, { instant: at('2025-12-31T00:00:00Z') }, undefined);
    expect(diff).toMatchObject({ fromRevision: null, toRevision: 2 });
    expect(diff.changes[0]).toMatchObject({ field: 'status', from: 'none', to: 'active', revision: 0 });
  });

  it('refuses a diff whose from is later than its to', async () => {
    await expect(reader.diff('customer', CUSTOMER_ID, { revision: 2 }, { revision: 1 })).rejects.toThrow(ReversedRange);
    await expect(
      reader.diff('customer', CUSTOMER_ID, { instant: at('2026-03-02T00:00:00Z') }, { instant: at('2026-02-02T00:00:00Z') }),
    ).rejects.toThrow(ReversedRange);
  });
});
