import {
  customerIdForExternalRef,
  type CommandContext,
  type CustomerBatchWriter,
  type ExternalReferenceIndex,
  type Actor,
} from '@ledgerline/application';
import { DomainError } from '@ledgerline/domain';
import type { RecordedEvent } from '@ledgerline/event-store';
import { createHash } from 'node:crypto';
import type { CommandSender } from '../command-sender';
import { IMPORT_KIND_SPECS, type IdentifiedLine, type ImportKind } from './import-kinds';
import { referencesOf } from './import-line-plans';
import type { SourceLine } from './import-source';

export type LineResult = Readonly<
  { line: number; status: 'applied' | 'unchanged' } | { line: number; status: 'rejected'; code: string; detail: string }
>;

export type ImportRun = Readonly<{ jobId: string; kind: ImportKind; actor: Actor; now: Date }>;

/** A line whose customer is known, with the context its commands run under. */
type Resolved = Readonly<{ line: number; parsed: IdentifiedLine; customerId: string; context: CommandContext }>;

type Outcome = Readonly<{ status: 'applied' | 'unchanged' } | { status: 'rejected'; error: DomainError }>;

/** Lines of a command kind sent at once (each is its own stream, so they do not contend). */
const COMMANDS_IN_FLIGHT = 16;

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
    private readonly send: CommandSender,
  ) {}

  async process(run: ImportRun, lines: readonly SourceLine[]): Promise<LineResult[]> {
    const results = new Map<number, LineResult>();
    const reject = (line: number, code: string, detail: string) => results.set(line, { line, status: 'rejected', code, detail });
    const read = lines.flatMap((source) => {
      if ('unreadable' in source) {
        reject(source.line, 'unreadable-line', source.unreadable);
        return [];
      }
      const checked = IMPORT_KIND_SPECS[run.kind].read(source.value);
      if ('problem' in checked) {
        reject(source.line, 'schema-violation', checked.problem);
        return [];
      }
      return [{ line: source.line, value: source.value, parsed: checked.line }];
    });
    const { resolved, streams } = await this.resolve(run, read);
    const found = new Set(resolved.map(({ line }) => line));
    for (const { line } of read) {
      if (!found.has(line)) reject(line, 'customer-not-found', 'No customer has the customerId or any of the externalRefs of this line.');
    }
    const outcomes = await this.write(run.kind, resolved, streams);
    resolved.forEach(({ line }, index) => {
      const outcome = outcomes[index];
      if (outcome.status === 'rejected') reject(line, outcome.error.code, outcome.error.message);
      else results.set(line, { line, status: outcome.status });
    });
    return lines.map(({ line }) => results.get(line) as LineResult);
  }

  private async write(
    kind: ImportKind,
    resolved: readonly Resolved[],
    streams: ReadonlyMap<string, readonly RecordedEvent[]>,
  ): Promise<Outcome[]> {
    const spec = IMPORT_KIND_SPECS[kind];
    if (spec.writes === 'customer') {
      const writes = resolved.map(({ parsed, customerId, context }) => ({
        customerId,
        plan: spec.plan(parsed, customerId, context.now),
        context,
      }));
      return this.writer.write(writes, streams);
    }
    const outcomes: Outcome[] = [];
    for (let start = 0; start < resolved.length; start += COMMANDS_IN_FLIGHT) {
      const slice = resolved.slice(start, start + COMMANDS_IN_FLIGHT);
      outcomes.push(
        ...(await Promise.all(slice.map(({ parsed, customerId, context }) => this.sent(spec.command(parsed, customerId, context))))),
      );
    }
    return outcomes;
  }

  private async sent(command: Parameters<CommandSender>[0]): Promise<Outcome> {
    try {
      return (await this.send(command)).appended > 0 ? { status: 'applied' } : { status: 'unchanged' };
    } catch (error) {
      if (error instanceof DomainError) return { status: 'rejected', error };
      throw error;
    }
  }

  /** Each line's customer: by our id, else the holder of one of its external ids (all looked up at once), else a new one where the kind registers. */
  private async resolve(
    run: ImportRun,
    read: readonly { line: number; value: Record<string, unknown>; parsed: IdentifiedLine }[],
  ): Promise<{ resolved: Resolved[]; streams: ReadonlyMap<string, readonly RecordedEvent[]> }> {
    const spec = IMPORT_KIND_SPECS[run.kind];
    const references = read.map(({ parsed }) => (parsed.customerId === undefined ? referencesOf(parsed) : []));
    const { holders, streams } = await this.index.holdersWithStreams(references.flat());
    let next = 0;
    const resolved = read.flatMap(({ line, value, parsed }, index) => {
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
      return [{ line, parsed, customerId, context }];
    });
    return { resolved, streams };
  }
}
