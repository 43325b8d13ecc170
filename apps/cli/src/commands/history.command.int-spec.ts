import type { INestApplicationContext } from '@nestjs/common';
import { DeciderRunner, InvalidRecordPoint, ReversedRange, streamIds, UnknownRevision, type CommandContext } from '@ledgerline/application';
import { customerDecider, type CustomerCommand } from '@ledgerline/domain';
import { CUSTOMER_ID, customerCommand } from '@ledgerline/domain/customer/customer.fixtures';
import { createTestDatabase } from '@ledgerline/testing';
import { cliContext } from '../testing/cli-context';
import { printDiff, printHistory } from './history.command';

const context = (user: string): CommandContext => ({
  actor: { type: 'user', id: user, roles: ['sales'] },
  correlationId: `flow-${user}`,
  causationId: `flow-${user}`,
  source: 'api',
  now: new Date(),
});

describe('cli history and diff', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplicationContext;
  const lines = async (print: (write: (line: string) => void) => Promise<unknown>) => {
    const written: string[] = [];
    await print((line) => written.push(line));
    return written.map((line) => JSON.parse(line) as Record<string, unknown>);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await cliContext(database.url);
    const write = (user: string, command: CustomerCommand) =>
      app.get(DeciderRunner).execute(customerDecider, streamIds.customer(CUSTOMER_ID), command, context(user));
    await write('ana', customerCommand('RegisterCustomer', { customerId: CUSTOMER_ID, kind: 'company', name: 'Acme' }));
    await write('ben', customerCommand('UpdateCustomerProfile', { customerId: CUSTOMER_ID, name: 'Acme AG' }));
    await write('ana', customerCommand('AddCustomerTags', { customerId: CUSTOMER_ID, tags: ['vip'] }));
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('prints every event as a JSON line, and the record as it was at a revision or an instant as one', async () => {
    const history = await lines((write) => printHistory(app, 'customer', CUSTOMER_ID, {}, write));
    expect(history.map((entry) => entry.type)).toEqual(['CustomerRegistered', 'CustomerProfileUpdated', 'CustomerTagsAdded']);

    const [atRevision] = await lines((write) => printHistory(app, 'customer', CUSTOMER_ID, { revision: '1' }, write));
    expect(atRevision).toMatchObject({
      kind: 'customer',
      revision: 1,
      state: { name: 'Acme AG', tags: [] },
      event: { type: 'CustomerProfileUpdated' },
    });

    const recordedAt = String(history[1].recordedAt);
    const [atInstant] = await lines((write) => printHistory(app, 'customer', CUSTOMER_ID, { asOf: recordedAt }, write));
    expect(atInstant).toMatchObject({ asOf: recordedAt, state: { name: 'Acme AG' } });
    // Revision 2 may have been recorded within the same millisecond, and then counts too.
    expect([1, 2]).toContain(atInstant.revision);
  });

  it('prints the field changes between two points with their actor and correlation', async () => {
    let summary: Awaited<ReturnType<typeof printDiff>> | undefined;
    const changes = await lines(async (write) => (summary = await printDiff(app, 'customer', CUSTOMER_ID, { from: '0' }, write)));
    expect(summary).toEqual({ fromRevision: 0, toRevision: 2, changes: 2 });
    expect(changes).toEqual([
      expect.objectContaining({ field: 'name', from: 'Acme', to: 'Acme AG', revision: 1, actor: expect.objectContaining({ id: 'ben' }) }),
      expect.objectContaining({ field: 'tags', added: ['vip'], revision: 2, correlationId: 'flow-ana' }),
    ]);
  });

  it('refuses a point that names no moment, a revision the record never reached, and an unknown kind', async () => {
    const print = (options: Parameters<typeof printHistory>[3], kind = 'customer') =>
      printHistory(app, kind, CUSTOMER_ID, options, () => undefined);
    await expect(print({ asOf: '2026-09-30', revision: '1' })).rejects.toThrow(InvalidRecordPoint);
    await expect(print({ asOf: 'yesterday' })).rejects.toThrow(/ISO 8601 date-time with its offset/);
    await expect(print({ revision: '3' })).rejects.toThrow(UnknownRevision);
    await expect(print({}, 'invoice')).rejects.toThrow(/kind must be one of customer, /);
    await expect(printDiff(app, 'customer', CUSTOMER_ID, { from: '2', to: '1' }, () => undefined)).rejects.toThrow(ReversedRange);
  });
});
