import type { CommandContext, CustomerPlan } from '@ledgerline/application';
import type { ICommand } from '@nestjs/cqrs';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import {
  customerLinePlan,
  interactionLineCommand,
  purchaseLinePlan,
  type CustomerLine,
  type InteractionLine,
  type PurchaseLine,
} from './import-line-plans';
import { dealLineCommand, type DealLine } from './import-deal-line';
import { CUSTOMER_LINE_SCHEMA, DEAL_LINE_SCHEMA, INTERACTION_LINE_SCHEMA, PURCHASE_LINE_SCHEMA } from './import-line-schemas';

export const IMPORT_KINDS = ['customers', 'purchases', 'interactions', 'deals'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type IdentifiedLine = Readonly<{ customerId?: string; externalRefs?: Readonly<Record<string, string>> }>;

type LineSpec = Readonly<{
  /** The fields a line may have (a CSV column may name them). */
  fields: readonly string[];
  /** A line whose customer is not known registers it (customers); else it is refused. */
  registers: boolean;
  /** The line as its type, or why its shape is wrong. */
  read: (value: Record<string, unknown>) => { line: IdentifiedLine } | { problem: string };
}>;

/**
 * How a kind's lines are written: as plans for their customer, many customers a round trip (CustomerBatchWriter);
 * or as the command the HTTP route sends, line by line through the command bus (a record of another kind).
 */
export type ImportKindSpec = LineSpec &
  Readonly<
    | { writes: 'customer'; plan: (line: IdentifiedLine, customerId: string, now: Date) => CustomerPlan }
    | { writes: 'command'; command: (line: IdentifiedLine, customerId: string, context: CommandContext) => ICommand }
  >;

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);

/** Where and what, never the value: it may be personal data. */
const describe = (errors: ErrorObject[] | null | undefined): string =>
  [...new Set((errors ?? []).map((error) => `${error.instancePath || '(line)'} ${error.message ?? 'is invalid'}`))].join('; ');

function reader<L extends IdentifiedLine>(schema: object): ImportKindSpec['read'] {
  const validate = ajv.compile<L>(schema);
  return (value) => (validate(value) ? { line: value } : { problem: describe(validate.errors) });
}

const linesOf = <L extends IdentifiedLine>(schema: { properties: object }) => ({
  fields: Object.keys(schema.properties),
  read: reader<L>(schema),
});

const writtenToCustomer = <L extends IdentifiedLine>(
  schema: { properties: object },
  registers: boolean,
  plan: (line: L, customerId: string, now: Date) => CustomerPlan,
): ImportKindSpec => ({ ...linesOf<L>(schema), registers, writes: 'customer', plan: (line, ...rest) => plan(line as L, ...rest) });

/** Records of their own kind: their customer must exist. */
const sentAsCommand = <L extends IdentifiedLine>(
  schema: { properties: object },
  command: (line: L, customerId: string, context: CommandContext) => ICommand,
): ImportKindSpec => ({
  ...linesOf<L>(schema),
  registers: false,
  writes: 'command',
  command: (line, ...rest) => command(line as L, ...rest),
});

export const IMPORT_KIND_SPECS: Readonly<Record<ImportKind, ImportKindSpec>> = {
  customers: writtenToCustomer<CustomerLine>(CUSTOMER_LINE_SCHEMA, true, customerLinePlan),
  purchases: writtenToCustomer<PurchaseLine>(PURCHASE_LINE_SCHEMA, false, purchaseLinePlan),
  interactions: sentAsCommand<InteractionLine>(INTERACTION_LINE_SCHEMA, interactionLineCommand),
  deals: sentAsCommand<DealLine>(DEAL_LINE_SCHEMA, dealLineCommand),
};

export const isImportKind = (value: unknown): value is ImportKind => IMPORT_KINDS.includes(value as ImportKind);
