import { CUSTOMER_ID, DEAL_ID, dealOpened } from './deal/deal.fixtures';
import {
  dataSubjectOfStream,
  EVENT_TYPES,
  RECORD_KIND_NAMES,
  RECORD_KINDS,
  parseStreamId,
  readsAsStored,
  recordIdOf,
  recordKindOfEventType,
  streamIdOf,
  upcastEvent,
} from './record-kinds';

describe('the record-kind registry', () => {
  it('names every kind once, each by its own name', () => {
    expect(RECORD_KIND_NAMES).toEqual(['customer', 'deal', 'interaction', 'pipeline', 'segment']);
    for (const kind of RECORD_KIND_NAMES) expect(RECORD_KINDS[kind].name).toBe(kind);
  });

  it('gives each kind a REST collection and an id field of its own', () => {
    const plurals = RECORD_KIND_NAMES.map((kind) => RECORD_KINDS[kind].plural);
    const idFields = RECORD_KIND_NAMES.map((kind) => RECORD_KINDS[kind].idField);
    expect(plurals).toEqual(['customers', 'deals', 'interactions', 'pipelines', 'segments']);
    expect(idFields).toEqual(['customerId', 'dealId', 'interactionId', 'pipelineId', 'segmentId']);
  });

  it('round-trips stream ids, ids with dashes included', () => {
    const id = '0b7e0c5e-4f5a-4d1e-9a53-2f0c1f6d8a11';
    expect(streamIdOf('deal', id)).toBe(`deal-${id}`);
    expect(parseStreamId(streamIdOf('deal', id))).toEqual({ kind: 'deal', id });
  });

  it.each(['$audit-1', 'task-1', 'customer', '-1', 'toString-1', '__proto__-1'])('knows no record in the stream %s', (streamId) => {
    expect(parseStreamId(streamId)).toBeUndefined();
  });

  it('finds the kind of every event type, and of no other', () => {
    for (const kind of RECORD_KIND_NAMES) for (const type of EVENT_TYPES[kind]) expect(recordKindOfEventType(type)).toBe(kind);
    expect(recordKindOfEventType('CustomerTeleported')).toBeUndefined();
  });

  it('reads the record id from the id field of its kind', () => {
    const { data } = dealOpened();
    expect(recordIdOf('deal', data)).toBe(DEAL_ID);
    expect(recordIdOf('customer', data)).toBe(CUSTOMER_ID);
  });

  it("names whose personal data a stream holds from its events, of any stored version: a record's customer", () => {
    const logged = {
      type: 'InteractionLogged',
      schemaVersion: 1,
      data: { interactionId: 'i-1', customerId: CUSTOMER_ID, dealId: null, channel: 'phone', direction: 'inbound' },
    };
    expect(dataSubjectOfStream('interaction-i-1', [logged])).toBe(CUSTOMER_ID);
    expect(dataSubjectOfStream(streamIdOf('deal', DEAL_ID), [{ ...dealOpened(), schemaVersion: 1 }])).toBeUndefined();
    expect(dataSubjectOfStream('audit-checkpoints', [])).toBeUndefined();
  });

  it('says which events readers get as stored: none with personal fields, none of an older version', () => {
    expect(readsAsStored('DealOpened', 1)).toBe(true);
    expect(readsAsStored('AuditCheckpointRecorded', 1)).toBe(true);
    expect(readsAsStored('CustomerRegistered', 2)).toBe(false);
    expect(readsAsStored('CustomerErased', 1)).toBe(true);
  });

  it('reads a purchase stored as v1 (before items) with no items', () => {
    const stored = { customerId: CUSTOMER_ID, orderId: 'SO-1', amount: '10', currency: 'EUR', occurredAt: '2025-01-20T10:00:00.000Z' };
    expect(upcastEvent('CustomerPurchaseRecorded', 1, stored)).toEqual({ schemaVersion: 2, data: { ...stored, items: [] } });
    expect(upcastEvent('CustomerPurchaseRecorded', 2, { ...stored, items: [] }).data).toEqual({ ...stored, items: [] });
  });
});
