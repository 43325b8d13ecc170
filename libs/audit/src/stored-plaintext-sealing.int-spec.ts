import { SYSTEM_ACTOR } from '@ledgerline/application';
import { ERASED } from '@ledgerline/domain';
import { PostgresEventStore, type EventToAppend } from '@ledgerline/event-store';
import type { LedgerlineConfig } from '@ledgerline/platform';
import { Keyring, LocalMasterKey, PersonalDataSealer, PostgresSubjectKeyStore, ProtectedEventStore } from '@ledgerline/privacy';
import { createTestDatabase } from '@ledgerline/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { CHECKPOINT_STREAM, SigningKey } from './checkpoint';
import { auditLog } from './log-audit';
import { LOG_REWRITTEN } from './log-rewrite';
import { recordCheckpoint } from './record-checkpoint';
import { StoredPlaintextSealing } from './stored-plaintext-sealing';

const SIGNING_KEY = 'a signing key for the upgrade test, 32+ bytes';
const [ADA, BOB] = [randomUUID(), randomUUID()];
const INTERACTION = randomUUID();
const SECRETS = ['Ada Lovelace', 'ada@example.com', 'ada@lovelace.org', 'Bob Babbage', 'bob@example.com', 'Talked about engines.'];

/** Events as a release before sealing wrote them: version 1, personal fields in plaintext. */
const v1 = (type: string, data: Record<string, unknown>): EventToAppend => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  metadata: { actor: SYSTEM_ACTOR, correlationId: randomUUID(), source: 'api' },
});

const registered = (customerId: string, name: string, email: string) =>
  v1('CustomerRegistered', { customerId, kind: 'person', name, email, phone: null, country: 'GB', customFields: {}, tags: [] });

const configWith = (signingKey: string | undefined) => ({ audit: { signingKey, checkpointIntervalSeconds: 0 } }) as LedgerlineConfig;

describe('sealing what was stored in plaintext before sealing, at the upgrade', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: Pool;
  let store: ProtectedEventStore;
  let keyring: Keyring;
  let keys: PostgresSubjectKeyStore;
  const key = new SigningKey(SIGNING_KEY);
  const dealStream = `deal-${randomUUID()}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url });
    const raw = await PostgresEventStore.open(pool);
    keys = await PostgresSubjectKeyStore.open(pool);
    keyring = new Keyring(keys, new LocalMasterKey(randomBytes(32)));
    store = new ProtectedEventStore(raw, new PersonalDataSealer(keyring));
    // Given a log written before sealing: two customers, an interaction and a deal, vouched for by a checkpoint.
    await raw.append(`customer-${ADA}`, [registered(ADA, 'Ada Lovelace', 'ada@example.com')], 'no-stream');
    await raw.append(`customer-${BOB}`, [registered(BOB, 'Bob Babbage', 'bob@example.com')], 'no-stream');
    await raw.append(
      `interaction-${INTERACTION}`,
      [
        v1('InteractionLogged', {
          interactionId: INTERACTION,
          customerId: ADA,
          dealId: null,
          channel: 'phone',
          direction: 'outbound',
          occurredAt: '2026-01-05T10:00:00.000Z',
          subject: 'Engines',
          summary: 'Talked about engines.',
          outcome: null,
          followUpDueDate: null,
        }),
      ],
      'no-stream',
    );
    await raw.append(dealStream, [v1('DealOpened', { dealId: 'd-1', amount: '1.50' })], 'no-stream');
    await recordCheckpoint(store, key, { actor: SYSTEM_ACTOR, source: 'test' });
    await raw.append(
      `customer-${ADA}`,
      [v1('CustomerProfileUpdated', { customerId: ADA, changes: { email: { from: 'ada@example.com', to: 'ada@lovelace.org' } } })],
      0,
    );
    // Bob was erased after the release that brought erasure, before the upgrade: his key is destroyed, his text is not.
    await keyring.destroy(BOB);
    await raw.append(
      `customer-${BOB}`,
      [
        v1('CustomerErased', {
          customerId: BOB,
          legalBasis: 'consent-withdrawn',
          requestReference: null,
          erasedAt: new Date().toISOString(),
        }),
      ],
      0,
    );
  });

  afterAll(async () => {
    await store.close();
    await keys.close();
    await pool.end();
    await database.drop();
  });

  const storedText = async () =>
    (await pool.query<{ text: string }>(`SELECT string_agg(data::text, ' ') AS text FROM events`)).rows[0].text;
  const hashesOf = async (streamId: string) => (await store.readStream(streamId)).map((event) => event.hash);

  it('leaves no plaintext in the table, reads the same data (the erased as ERASED), and the log still verifies', async () => {
    const text = await storedText();
    expect(SECRETS.filter((secret) => text.includes(secret))).toEqual(SECRETS);
    const dealHashes = await hashesOf(dealStream);

    await new StoredPlaintextSealing(store, configWith(SIGNING_KEY)).onApplicationBootstrap();

    const after = await storedText();
    expect(SECRETS.filter((secret) => after.includes(secret))).toEqual([]);
    const ada = await store.readStream(`customer-${ADA}`);
    expect(ada.map(({ schemaVersion, data }) => [schemaVersion, data])).toEqual([
      [2, expect.objectContaining({ name: 'Ada Lovelace', email: 'ada@example.com' })],
      [2, { customerId: ADA, changes: { email: { from: 'ada@example.com', to: 'ada@lovelace.org' } } }],
    ]);
    const [interaction] = await store.readStream(`interaction-${INTERACTION}`);
    expect(interaction.data).toMatchObject({ subject: 'Engines', summary: 'Talked about engines.', outcome: null });
    expect((await store.readStream(`customer-${BOB}`))[0].data).toMatchObject({ name: ERASED, email: ERASED, country: 'GB' });
    // A stream with nothing personal keeps its bytes, and so its hashes.
    expect(await hashesOf(dealStream)).toEqual(dealHashes);
    // The checkpoint from before the upgrade still holds, through the signed record of the old hashes; a new one follows.
    const checkpointStream = await store.readStream(CHECKPOINT_STREAM);
    expect(checkpointStream.map((event) => event.type)).toEqual(['AuditCheckpointRecorded', LOG_REWRITTEN, 'AuditCheckpointRecorded']);
    const { report } = await auditLog(store, { key });
    expect(report).toMatchObject({ ok: true, checkpoints: 2, breakCount: 0 });
  });

  it('runs once: a second start rewrites and records nothing', async () => {
    const before = await store.readStream(CHECKPOINT_STREAM);
    await new StoredPlaintextSealing(store, configWith(SIGNING_KEY)).onApplicationBootstrap();
    expect(await store.readStream(CHECKPOINT_STREAM)).toEqual(before);
  });

  it('honours only a record its key signed: with another key, the checkpoint from before the upgrade breaks', async () => {
    const other = new SigningKey('another signing key, 32 bytes or more....');
    const { report } = await auditLog(store, { key: other });
    expect(report.breaks.map((problem) => problem.problem)).toEqual(['checkpoint-signature', 'checkpoint-signature']);
    // Forged with the right key id but no valid signature, the record explains nothing.
    const [record] = (await store.readStream(CHECKPOINT_STREAM)).filter((event) => event.type === LOG_REWRITTEN);
    await pool.query(`UPDATE events SET data = jsonb_set(data, '{signature}', to_jsonb(repeat('0', 64))) WHERE event_id = $1`, [record.id]);
    const forged = await auditLog(store, { key });
    expect(forged.report.breaks.map((problem) => problem.problem)).toEqual(['checkpoint-root', 'hash-mismatch']);
  });
});
