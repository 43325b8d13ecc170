import { InvalidInput } from '@ledgerline/domain';

/** Which field each CSV column fills: `{"Company": "name", "ERP no.": "externalRefs.erp", "Seats": "customFields.seats"}`; a deal's own id: `dealRef.<system>`. */
export type ColumnMapping = Readonly<Record<string, string>>;

/** A mapping or a header naming a field the kind does not have: the file is refused before anything is read. */
export class UnknownImportFields extends InvalidInput {
  override readonly code = 'unknown-import-fields';
  constructor(readonly fields: readonly string[]) {
    super(`Unknown field(s): ${fields.map((field) => JSON.stringify(field)).join(', ')}.`, { fields });
  }
}

const MAP_FIELD = /^(externalRefs|dealRef|customFields)\.(.+)$/;
/** One part of an address: `addresses.billing.city`. */
const ADDRESS_FIELD = /^addresses\.(billing|shipping|visiting)\.(street|city|region|postcode|country)$/;
const MAP_ONLY = ['externalRefs', 'dealRef', 'customFields', 'addresses'];
/** Tags in one cell: "vip; enterprise". */
const TAG_SEPARATOR = /[;|]/;

/** Refuses fields a line of the kind cannot have; `fields` are the kind's own (top-level) field names. */
export function assertKnownFields(targets: readonly string[], fields: readonly string[]): void {
  const unknown = targets.filter((target) => {
    if (ADDRESS_FIELD.test(target)) return !fields.includes('addresses');
    const map = MAP_FIELD.exec(target);
    return map ? !fields.includes(map[1]) || map[2].trim() === '' : !fields.includes(target) || MAP_ONLY.includes(target);
  });
  if (unknown.length > 0) throw new UnknownImportFields(unknown);
}

/**
 * The header row read against the mapping: without one, headers are field names themselves; with one, columns it
 * does not name are left out. Empty cells are absent fields; custom field values stay text.
 */
export function columnsOf(header: readonly string[], mapping: ColumnMapping | undefined) {
  const targets = header.map((column) => (mapping ? mapping[column] : column));
  return {
    targets,
    read(record: readonly string[]): Record<string, unknown> {
      const value: Record<string, unknown> = {};
      targets.forEach((target, index) => {
        const cell = record[index];
        if (target === undefined || cell === undefined || cell === '') return;
        const address = ADDRESS_FIELD.exec(target);
        const map = MAP_FIELD.exec(target);
        if (address) {
          const addresses = (value.addresses ?? {}) as Record<string, object>;
          value.addresses = { ...addresses, [address[1]]: { ...addresses[address[1]], [address[2]]: cell } };
        } else if (map) value[map[1]] = { ...(value[map[1]] as object | undefined), [map[2]]: cell };
        else if (target === 'tags')
          value.tags = cell
            .split(TAG_SEPARATOR)
            .map((tag) => tag.trim())
            .filter((tag) => tag !== '');
        else value[target] = cell;
      });
      return value;
    },
  };
}
