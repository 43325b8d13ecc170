import { assertKnownFields, columnsOf, UnknownImportFields } from './column-mapping';

const FIELDS = ['customerId', 'externalRefs', 'kind', 'name', 'tags', 'customFields'];

describe('a CSV header read against a column mapping', () => {
  it('fills the mapped fields, nests external ids and custom fields, splits tags and leaves empty cells out', () => {
    const columns = columnsOf(['Name', 'ERP', 'Tags', 'Seats', 'Notes'], {
      Name: 'name',
      ERP: 'externalRefs.erp',
      Tags: 'tags',
      Seats: 'customFields.seats',
    });

    expect(columns.read(['Acme', 'E-1', 'vip; enterprise |', '', 'ignored'])).toEqual({
      name: 'Acme',
      externalRefs: { erp: 'E-1' },
      tags: ['vip', 'enterprise'],
    });
  });

  it('takes the headers as field names when there is no mapping', () =>
    expect(columnsOf(['kind', 'name'], undefined).read(['company', 'Acme'])).toEqual({ kind: 'company', name: 'Acme' }));
});

describe('assertKnownFields', () => {
  it('accepts the fields of the kind and paths into its maps', () =>
    expect(() => assertKnownFields(['name', 'externalRefs.erp', 'customFields.seats'], FIELDS)).not.toThrow());

  it('refuses unknown fields, a map without a key, and a map as a whole column', () =>
    expect(() => assertKnownFields(['fullName', 'externalRefs.', 'customFields', 'name'], FIELDS)).toThrow(
      new UnknownImportFields(['fullName', 'externalRefs.', 'customFields']),
    ));

  it('refuses a path into a field that is no map', () =>
    expect(() => assertKnownFields(['owner.name'], FIELDS)).toThrow(UnknownImportFields));
});
