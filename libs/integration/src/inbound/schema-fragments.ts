/** Pieces the inbound message schemas share, so that one rule (an amount, an external id) reads the same everywhere. */
export const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength, pattern: '\\S' });
export const nullable = (schema: object) => ({ oneOf: [schema, { type: 'null' }] });
export const instant = { type: 'string', format: 'date-time' };
export const amount = { type: 'string', pattern: '^\\d{1,15}(\\.\\d{1,4})?$', description: 'Decimal as a string, never a JSON number' };
export const currency = { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217' };
export const externalId = text(200);
