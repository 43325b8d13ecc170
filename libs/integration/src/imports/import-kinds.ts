import type { CustomerPlan } from '@ledgerline/application';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { customerLinePlan, purchaseLinePlan, type CustomerLine, type PurchaseLine } from './import-line-plans';
import { CUSTOMER_LINE_SCHEMA, PURCHASE_LINE_SCHEMA } from './import-line-schemas';

export const IMPORT_KINDS = ['customers', 'purchases'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type IdentifiedLine = Readonly<{ customerId?: string; externalRefs?: Readonly<Record<string, string>> }>;

export type ImportKindSpec = Readonly<{
  /** The fields a line may have (a CSV column may name them). */
  fields: readonly string[];
  /** A line whose customer is not known registers it (customers); else it is refused (purchases). */
  registers: boolean;
  /** The line as its type, or why its shape is wrong. */
  read: (value: Record<string, unknown>) => { line: IdentifiedLine } | { problem: string };
  plan: (line: IdentifiedLine, customerId: string, now: Date) => CustomerPlan;
}>;

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);

/** Where and what, never the value: it may be personal data. */
const describe = (errors: ErrorObject[] | null | undefined): string =>
  [...new Set((errors ?? []).map((error) => `${error.instancePath || '(line)'} ${error.message ?? 'is invalid'}`))].join('; ');

function reader<L extends IdentifiedLine>(schema: object): ImportKindSpec['read'] {
  const validate = ajv.compile<L>(schema);
  return (value) => (validate(value) ? { line: value } : { problem: describe(validate.errors) });
}

export const IMPORT_KIND_SPECS: Readonly<Record<ImportKind, ImportKindSpec>> = {
  customers: {
    fields: Object.keys(CUSTOMER_LINE_SCHEMA.properties),
    registers: true,
    read: reader<CustomerLine>(CUSTOMER_LINE_SCHEMA),
    plan: (line, customerId, now) => customerLinePlan(line as CustomerLine, customerId, now),
  },
  purchases: {
    fields: Object.keys(PURCHASE_LINE_SCHEMA.properties),
    registers: false,
    read: reader<PurchaseLine>(PURCHASE_LINE_SCHEMA),
    plan: (line, customerId, now) => purchaseLinePlan(line as PurchaseLine, customerId, now),
  },
};

export const isImportKind = (value: unknown): value is ImportKind => IMPORT_KINDS.includes(value as ImportKind);
