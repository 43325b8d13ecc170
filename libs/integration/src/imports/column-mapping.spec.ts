import { assertKnownFields, columnsOf, UnknownImportFields } from './column-mapping';

const FIELDS = ['customerId', 'externalRefs', 'kind', 'name', 'tags', 'customFields', 'addresses'];

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

  it('gathers the parts of each address from their own columns', () =>
    expect(
      columnsOf(
        ['addresses.billing.city', 'addresses.billing.country', 'addresses.visiting.city', 'addresses.visiting.street'],
        undefined,
      ).read(['Berlin', 'DE', 'Potsdam', '']),
    ).toEqual({ addresses: { billing: { city: 'Berlin', country: 'DE' }, visiting: { city: 'Potsdam' } } }));

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

  it('accepts the parts of the three address types, and nothing else of addresses', () => {
    expect(() =>
      assertKnownFields(['addresses.billing.city', 'addresses.shipping.postcode', 'addresses.visiting.street'], FIELDS),
    ).not.toThrow();
    expect(() => assertKnownFields(['addresses', 'addresses.home.city', 'addresses.billing.floor', 'addresses.billing'], FIELDS)).toThrow(
      new UnknownImportFields(['addresses', 'addresses.home.city', 'addresses.billing.floor', 'addresses.billing']),
    );
    expect(() => assertKnownFields(['addresses.billing.city'], ['name'])).toThrow(UnknownImportFields);
  });
});
