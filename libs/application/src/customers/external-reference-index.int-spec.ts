import { customerDecider, ExternalReferenceTaken, type CustomerCommand } from '@ledgerline/domain';
import { PostgresEventStore } from '@ledgerline/event-store';
import { createTestDatabase } from '@ledgerline/testing';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../command-context';
import { DeciderRunner } from '../decider-runner';
import { EventCodec } from '../event-codec';
import { streamIds } from '../records/stream-ids';
import { EXTERNAL_REFERENCE_BACKFILL_STREAM, ExternalReferenceBackfill } from './external-reference-backfill';
import { ExternalReferenceIndex, externalReferenceClaimStream } from './external-reference-index';

const NOW = new Date('2026-11-02T10:00:00.000Z');
const LEASE_MS = 60_000;

/** A fresh database with the store, a runner and the index on it, for one describe block. */
function freshStore(leaseMs?: number) {
  const fixture = {} as { store: PostgresEventStore; runner: DeciderRunner; index: ExternalReferenceIndex; drop: () => Promise<void> };
  beforeAll(async () => {
    const database = await createTestDatabase();
    fixture.store = await PostgresEventStore.open(database.url);
    fixture.runner = new DeciderRunner(fixture.store, new EventCodec(), 5);
    fixture.index = new ExternalReferenceIndex(fixture.runner, leaseMs);
    fixture.drop = database.drop;
  });
  afterAll(async () => {
    await fixture.store.close();
    await fixture.drop();
  });
  return fixture;
}

describe('ExternalReferenceIndex (PostgreSQL event db.store)', () => {
  const db = freshStore(LEASE_MS);

  const context = (now = NOW): CommandContext => {
    const id = randomUUID();
    return { actor: { type: 'system', id: 'test', roles: [] }, correlationId: id, causationId: id, source: 'test', now };
  };
  const run = (customerId: string, commands: CustomerCommand[], at = NOW) =>
    db.runner.execute(customerDecider, streamIds.customer(customerId), commands, context(at), db.index.guard);
  const register = (customerId: string): CustomerCommand => ({
    type: 'RegisterCustomer',
    data: { customerId, kind: 'company', name: 'Acme Tools GmbH' },
    metadata: { now: NOW },
  });
  const link = (customerId: string, externalId: string): CustomerCommand => ({
    type: 'LinkExternalReference',
    data: { customerId, system: 'erp', externalId },
    metadata: { now: NOW },
  });
  const unlink = (customerId: string): CustomerCommand => ({
    type: 'UnlinkExternalReference',
    data: { customerId, system: 'erp' },
    metadata: { now: NOW },
  });
  const customerEvents = async (customerId: string) =>
    (await db.store.readStream(streamIds.customer(customerId))).map((event) => event.type);

  it('finds the customer an id was linked to as soon as the command answered, with its revision', async () => {
    const customerId = randomUUID();
    const outcome = await run(customerId, [register(customerId), link(customerId, 'E-1')]);

    await expect(db.index.holderOf('erp', 'E-1')).resolves.toEqual({ customerId, revision: outcome.revision });
    await expect(db.index.holderOf('erp', 'E-unknown')).resolves.toBeUndefined();
  });

  it('refuses to link an id another customer holds, and appends nothing to that customer', async () => {
    const [holder, other] = [randomUUID(), randomUUID()];
    await run(holder, [register(holder), link(holder, 'E-2')]);
    await run(other, [register(other)]);

    await expect(run(other, [link(other, 'E-2')])).rejects.toBeInstanceOf(ExternalReferenceTaken);
    expect(await customerEvents(other)).toEqual(['CustomerRegistered']);
    expect((await db.index.holderOf('erp', 'E-2'))?.customerId).toBe(holder);
  });

  it('lets exactly one of many customers racing for one id link it', async () => {
    const customers = Array.from({ length: 8 }, () => randomUUID());
    await Promise.all(customers.map((customerId) => run(customerId, [register(customerId)])));

    const results = await Promise.allSettled(customers.map((customerId) => run(customerId, [link(customerId, 'E-3')])));

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((result) => result.status === 'rejected');
    expect(refused.every((result) => result.reason instanceof ExternalReferenceTaken)).toBe(true);
    const linked = (await Promise.all(customers.map(customerEvents))).filter((types) => types.includes('CustomerExternalReferenceLinked'));
    expect(linked).toHaveLength(1);
  });

  it('frees an id when it is unlinked or replaced, for the next customer to link', async () => {
    const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
    await run(first, [register(first), link(first, 'E-4')]);
    await run(first, [link(first, 'E-5')]);
    await run(second, [register(second), link(second, 'E-4')]);
    await run(first, [unlink(first)]);
    await run(third, [register(third), link(third, 'E-5')]);

    expect((await db.index.holderOf('erp', 'E-4'))?.customerId).toBe(second);
    expect((await db.index.holderOf('erp', 'E-5'))?.customerId).toBe(third);
  });

  it('takes over a claim whose holder never linked the id, once the lease has passed', async () => {
    const [crashed, next] = [randomUUID(), randomUUID()];
    // What a process that died between the claim and the link leaves behind.
    await run(crashed, [register(crashed)]);
    await db.store.append(
      externalReferenceClaimStream('erp', 'E-6'),
      [
        {
          id: randomUUID(),
          type: 'ExternalReferenceClaimed',
          schemaVersion: 1,
          data: { system: 'erp', externalId: 'E-6', customerId: crashed, takenOverFrom: null, claimedAt: NOW.toISOString() },
          metadata: {},
        },
      ],
      'no-stream',
    );
    await run(next, [register(next)]);

    await expect(db.index.holderOf('erp', 'E-6')).resolves.toBeUndefined();
    await expect(run(next, [link(next, 'E-6')], new Date(NOW.getTime() + LEASE_MS - 1_000))).rejects.toBeInstanceOf(ExternalReferenceTaken);
    await run(next, [link(next, 'E-6')], new Date(NOW.getTime() + LEASE_MS + 1_000));
    expect((await db.index.holderOf('erp', 'E-6'))?.customerId).toBe(next);
  });
});

describe('ExternalReferenceBackfill (PostgreSQL event db.store)', () => {
  const db = freshStore();

  /** A customer written as before claims existed: its links went to the customer's stream only. */
  const legacyCustomer = async (externalIds: string[]) => {
    const customerId = randomUUID();
    const now = new Date();
    const commands: CustomerCommand[] = [
      { type: 'RegisterCustomer', data: { customerId, kind: 'company', name: 'Acme Tools GmbH' }, metadata: { now } },
      ...externalIds.map((externalId): CustomerCommand => ({
        type: 'LinkExternalReference',
        data: { customerId, system: 'erp', externalId },
        metadata: { now },
      })),
    ];
    const id = randomUUID();
    await db.runner.execute(customerDecider, streamIds.customer(customerId), commands, {
      actor: { type: 'system', id: 'test', roles: [] },
      correlationId: id,
      causationId: id,
      source: 'test',
      now,
    });
    return customerId;
  };

  it('claims the ids customers linked before claims existed, keeps a shared one with its first holder, and runs once', async () => {
    const replaced = await legacyCustomer(['L-1', 'L-2']);
    const shared = await legacyCustomer(['L-3']);
    await legacyCustomer(['L-3']);
    await expect(db.index.holderOf('erp', 'L-2')).resolves.toBeUndefined();

    await new ExternalReferenceBackfill(db.store, db.index).onApplicationBootstrap();

    await expect(db.index.holderOf('erp', 'L-2')).resolves.toMatchObject({ customerId: replaced });
    await expect(db.index.holderOf('erp', 'L-1')).resolves.toBeUndefined();
    await expect(db.index.holderOf('erp', 'L-3')).resolves.toMatchObject({ customerId: shared });
    const [marker] = await db.store.readStream(EXTERNAL_REFERENCE_BACKFILL_STREAM);
    expect(marker.data).toMatchObject({ claimed: 2, 'not-linked': 1, taken: 1 });

    await legacyCustomer(['L-4']);
    await new ExternalReferenceBackfill(db.store, db.index).onApplicationBootstrap();
    expect(await db.store.readStream(EXTERNAL_REFERENCE_BACKFILL_STREAM)).toHaveLength(1);
    await expect(db.index.holderOf('erp', 'L-4')).resolves.toBeUndefined();
  });
});
