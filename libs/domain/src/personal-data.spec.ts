import {
  dataSubjectOf,
  PERSONAL_FIELDS,
  schemaVersionOf,
  sealedSinceVersionOf,
  TYPES_STORED_IN_PLAINTEXT,
  upcastEvent,
} from './record-kinds';
import { customerRegistered, CUSTOMER_ID } from './customer/customer.fixtures';
import { fold } from './shared/decider';
import { customerDecider } from './customer/customer.decider';
import { SEALED_SINCE_VERSION } from './shared/personal-data';

describe('personal data of the record kinds', () => {
  it('names the fields a person can be identified by, for customers and interactions', () => {
    expect(PERSONAL_FIELDS.get('CustomerRegistered')).toEqual(['name', 'email', 'phone', 'customFields.*']);
    expect(PERSONAL_FIELDS.get('InteractionLogged')).toEqual(['subject', 'summary', 'outcome']);
    expect(PERSONAL_FIELDS.has('DealOpened')).toBe(false);
  });

  it('writes every event type with personal fields at a version that seals them', () => {
    for (const type of PERSONAL_FIELDS.keys()) expect(schemaVersionOf(type)).toBeGreaterThanOrEqual(sealedSinceVersionOf(type));
    expect(schemaVersionOf('DealOpened')).toBe(1);
  });

  it('seals the types written before sealing existed from version 2, and later types from their first version', () => {
    expect(sealedSinceVersionOf('CustomerRegistered')).toBe(SEALED_SINCE_VERSION);
    expect(sealedSinceVersionOf('CustomerAddressSet')).toBe(1);
    expect(schemaVersionOf('CustomerAddressSet')).toBe(1);
    expect(TYPES_STORED_IN_PLAINTEXT).toContain('InteractionLogged');
    expect(TYPES_STORED_IN_PLAINTEXT).not.toContain('CustomerAddressSet');
  });

  it('reads a v1 event (plaintext personal fields) in the current shape', () => {
    const stored = { ...customerRegistered({ name: 'Ada Lovelace', email: 'ada@example.com' }).data };
    expect(upcastEvent('CustomerRegistered', 1, stored)).toEqual({ schemaVersion: 2, data: stored });
  });

  it('leaves events of types no record kind declares as they are', () =>
    expect(upcastEvent('AuditCheckpointRecorded', 3, { root: 'x' })).toEqual({ schemaVersion: 3, data: { root: 'x' } }));

  it('finds the data subject of a record from its state: the customer, also for its interactions', () => {
    const state = fold(customerDecider, [customerRegistered()]);
    expect(dataSubjectOf(`customer-${CUSTOMER_ID}`, state)).toBe(CUSTOMER_ID);
    expect(dataSubjectOf('interaction-x', { status: 'logged', customerId: CUSTOMER_ID })).toBe(CUSTOMER_ID);
    expect(dataSubjectOf('deal-x', { status: 'open', customerId: CUSTOMER_ID })).toBeUndefined();
    expect(dataSubjectOf('audit-checkpoints', {})).toBeUndefined();
  });
});
