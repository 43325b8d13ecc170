import {
  customerIdForExternalRef,
  type CommandContext,
  type CustomerBatchWriter,
  type CustomerWrite,
  type ExternalReferenceIndex,
  type Actor,
} from '@ledgerline/application';
import { createHash } from 'node:crypto';
import { IMPORT_KIND_SPECS, type IdentifiedLine, type ImportKind } from './import-kinds';
import { referencesOf } from './import-line-plans';
import type { SourceLine } from './import-source';

export type LineResult = Readonly<
  { line: number; status: 'applied' | 'unchanged' } | { line: number; status: 'rejected'; code: string; detail: string }
>;

export type ImportRun = Readonly<{ jobId: string; kind: ImportKind; actor: Actor; now: Date }>;

type Planned = Readonly<{ line: number; write: CustomerWrite }>;

/** The same content gives the same key, so a line imported again (this job resumed, the file run twice) is a no-op. */
const keyOf = (kind: ImportKind, value: Record<string, unknown>): string =>
  `import:${kind}:${createHash('sha256').update(JSON.stringify(value)).digest('base64url')}`;

/**
 * One batch of lines to their effect: read and checked line by line, their customers found (by our id or through
 * the external-id index, all at once), then written together by the CustomerBatchWriter. Every line ends applied,
 * unchanged or rejected with a stable code; only a failure of the store itself throws (the batch is then retried).
 */
export class ImportBatch {
  constructor(
    private readonly writer: CustomerBatchWriter,
    private readonly index: ExternalReferenceIndex,
  ) {}

  async process(run: ImportRun, lines: readonly SourceLine[]): Promise<LineResult[]> {
    const spec = IMPORT_KIND_SPECS[run.kind];
    const results = new Map<number, LineResult>();
    const read = lines.flatMap((source) => {
      if ('unreadable' in source) {
        results.set(source.line, { line: source.line, status: 'rejected', code: 'unreadable-line', detail: source.unreadable });
        return [];
      }
      const checked = spec.read(source.value);
      if ('problem' in checked) {
        results.set(source.line, { line: source.line, status: 'rejected', code: 'schema-violation', detail: checked.problem });
        return [];
      }
      return [{ line: source.line, value: source.value, parsed: checked.line }];
    });
    const planned = await this.plan(run, read);
    const found = new Set(planned.map(({ line }) => line));
    for (const { line } of read) if (!found.has(line)) results.set(line, this.notFound(line));
    const outcomes = await this.writer.write(planned.map(({ write }) => write));
    planned.forEach(({ line }, index) => {
      const outcome = outcomes[index];
      results.set(
        line,
        outcome.status === 'rejected'
          ? { line, status: 'rejected', code: outcome.error.code, detail: outcome.error.message }
          : { line, status: outcome.status },
      );
    });
    return lines.map(({ line }) => results.get(line) as LineResult);
  }

  private async plan(
    run: ImportRun,
    read: readonly {
      line: number;
      value: Record<string, unknown>;
      parsed: IdentifiedLine;
    }[],
  ): Promise<Planned[]> {
    const spec = IMPORT_KIND_SPECS[run.kind];
    const references = read.map(({ parsed }) => (parsed.customerId === undefined ? referencesOf(parsed) : []));
    const holders = await this.index.holdersOf(references.flat());
    let next = 0;
    return read.flatMap(({ line, value, parsed }, index) => {
      const own = references[index];
      const found = holders.slice(next, (next += own.length)).find((holder) => holder !== undefined)?.customerId;
      const customerId =
        parsed.customerId ??
        found ??
        (spec.registers && own.length > 0 ? customerIdForExternalRef(own[0].system, own[0].externalId) : undefined);
      if (customerId === undefined) return [];
      const context: CommandContext = {
        actor: run.actor,
        correlationId: run.jobId,
        causationId: `${run.jobId}:${line}`,
        idempotencyKey: keyOf(run.kind, value),
        source: `import:${run.jobId}`,
        now: run.now,
      };
      return [{ line, write: { customerId, plan: spec.plan(parsed, customerId, run.now), context } }];
    });
  }

  private notFound(line: number): LineResult {
    return {
      line,
      status: 'rejected',
      code: 'customer-not-found',
      detail: 'No customer has the customerId or any of the externalRefs of this line.',
    };
  }
}
