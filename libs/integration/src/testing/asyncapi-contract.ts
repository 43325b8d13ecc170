import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from '@asyncapi/parser';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export const ASYNCAPI_FILE = join(__dirname, '../../../../docs/asyncapi.yaml');

type Message = { name: string; payload: object };
type Document = {
  channels: Record<string, { address: string; messages: Record<string, Message> }>;
  components: { schemas: Record<string, object> };
};

export type AsyncApiContract = Readonly<{
  /** Error-level findings of the real AsyncAPI parser: empty when the file is valid. */
  errors: string[];
  /** Topic of each message type (e.g. crm.deal.won.v1 → crm.deal.v1). */
  topicOf: ReadonlyMap<string, string>;
  /** Validates a CloudEvent against the schema documented for its type; undefined when none is. */
  validatorFor: (type: string) => ValidateFunction | undefined;
  /** components/schemas as the parser resolved them ($refs replaced, x-parser-* annotations added). */
  schemas: Readonly<Record<string, object>>;
}>;

/** docs/asyncapi.yaml, parsed by @asyncapi/parser and compiled to JSON Schema validators. */
export async function loadAsyncApiContract(): Promise<AsyncApiContract> {
  const { document, diagnostics } = await new Parser().parse(readFileSync(ASYNCAPI_FILE, 'utf8'));
  const errors = diagnostics
    .filter((diagnostic) => diagnostic.severity === 0)
    .map((diagnostic) => `${diagnostic.path.join('.')}: ${diagnostic.message}`);
  if (!document) return { errors, topicOf: new Map(), validatorFor: () => undefined, schemas: {} };
  const json = document.json() as unknown as Document;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'asyncapi', components: json.components }, 'asyncapi');
  const topicOf = new Map<string, string>();
  const validators = new Map<string, ValidateFunction>();
  for (const channel of Object.values(json.channels)) {
    for (const [id, message] of Object.entries(channel.messages)) {
      topicOf.set(message.name, channel.address);
      validators.set(message.name, ajv.compile({ $ref: `asyncapi#/components/schemas/${id}` }));
    }
  }
  return { errors, topicOf, validatorFor: (type) => validators.get(type), schemas: json.components.schemas };
}
