import { fieldChanges } from './field-changes';

describe('fieldChanges', () => {
  it('names each changed scalar with what it was and what it became', () => {
    expect(fieldChanges({ name: 'Acme', email: null, country: 'DE' }, { name: 'Acme AG', email: 'a@acme.test', country: 'DE' })).toEqual([
      { field: 'name', from: 'Acme', to: 'Acme AG' },
      { field: 'email', from: null, to: 'a@acme.test' },
    ]);
  });

  it('walks into objects with dotted paths, a field that appears or goes away being null on the other side', () => {
    expect(fieldChanges({ externalReferences: { erp: 'C-1' } }, { externalReferences: { billing: 'B-9' } })).toEqual([
      { field: 'externalReferences.erp', from: 'C-1', to: null },
      { field: 'externalReferences.billing', from: null, to: 'B-9' },
    ]);
  });

  it('compares lists of plain values as sets', () => {
    expect(fieldChanges({ tags: ['vip', 'eu'] }, { tags: ['eu', 'b2b'] })).toEqual([{ field: 'tags', added: ['b2b'], removed: ['vip'] }]);
    expect(fieldChanges({ tags: ['vip', 'eu'] }, { tags: ['eu', 'vip'] })).toEqual([]);
  });

  it('indexes lists of objects, so that a new entry and a changed one are told apart', () => {
    const before = { purchases: [{ orderId: 'o-1', amount: '10.00' }] };
    const after = {
      purchases: [
        { orderId: 'o-1', amount: '10.00', reversedAt: '2026-01-02' },
        { orderId: 'o-2', amount: '5.00' },
      ],
    };
    expect(fieldChanges(before, after)).toEqual([
      { field: 'purchases[0].reversedAt', from: null, to: '2026-01-02' },
      { field: 'purchases[1]', from: null, to: { orderId: 'o-2', amount: '5.00' } },
    ]);
  });

  it('gives every field of a record that comes into being', () => {
    expect(fieldChanges({ status: 'none' }, { status: 'active', name: 'Acme' })).toEqual([
      { field: 'status', from: 'none', to: 'active' },
      { field: 'name', from: null, to: 'Acme' },
    ]);
  });

  it('finds nothing between equal states', () => {
    expect(fieldChanges({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 2] } })).toEqual([]);
  });
});
