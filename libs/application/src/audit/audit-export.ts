import { parseStreamId, type RecordKind } from '@ledgerline/domain';
import { readLogRange, type EventStore, type EventText, type GlobalPosition, type LogRange } from '@ledgerline/event-store';

/** What an auditor exports: a range of the log, all of it or the events of one record kind. */
export type AuditExportRequest = Readonly<{ range: LogRange; kind?: RecordKind }>;

/** A page of the export as NDJSON bytes, with what it holds and the position a resumed export would start after. */
export type AuditExportChunk = Readonly<{ bytes: Buffer; lines: number; read: number; last: GlobalPosition }>;

/** Events per read of the log: one page is all the export holds in memory. */
export const AUDIT_EXPORT_PAGE_SIZE = 1_000;

/**
 * Text encoded into one buffer that grows as needed. A page goes to its bytes piece by piece: joining its lines into
 * one string first made V8 flatten every line's concatenation, and then the socket or file encoded it all again,
 * which cost more than reading the page (docs/benchmarks.md, "Audit export and verify").
 */
class ByteWriter {
  private buffer: Buffer;
  private length = 0;

  constructor(capacity: number) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  write(text: string): void {
    // A UTF-16 code unit never takes more than 3 bytes in UTF-8.
    if (this.length + text.length * 3 > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + text.length * 3));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(text, this.length);
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

/** Bytes to start a page's buffer with: the lines of the bench's events take about 600. */
const BYTES_PER_LINE = 1_024;

/**
 * Stored events, every field the store keeps, as export lines: each its stream and its history entry
 * (record-history.ts), with data and metadata put in as the store's text, neither parsed nor serialized again.
 */
export function auditLines(events: readonly EventText[]): Buffer {
  const out = new ByteWriter(events.length * BYTES_PER_LINE);
  for (const event of events) {
    out.write(`{"stream":${JSON.stringify(event.streamId)},"eventId":${JSON.stringify(event.id)},"type":${JSON.stringify(event.type)},`);
    out.write(`"schemaVersion":${event.schemaVersion},"revision":${event.revision},"position":"${event.position}",`);
    out.write(`"recordedAt":"${event.recordedAt.toISOString()}","data":`);
    out.write(event.data);
    out.write(',"metadata":');
    out.write(event.metadata);
    out.write(`,"hash":"${event.hash}"}\n`);
  }
  return out.bytes();
}

/**
 * The log as NDJSON, in $all order, a page at a time (never the whole log in memory). A page with no event of the
 * request still yields a chunk, with no bytes, so that progress and the resume position move on.
 */
export async function* auditExport(
  store: Pick<EventStore, 'readAllText'>,
  { range, kind }: AuditExportRequest,
  pageSize = AUDIT_EXPORT_PAGE_SIZE,
): AsyncGenerator<AuditExportChunk> {
  const texts = { readAll: (options: Parameters<EventStore['readAllText']>[0]) => store.readAllText(options) };
  for await (const page of readLogRange(texts, range, pageSize)) {
    const events = kind === undefined ? page.events : page.events.filter((event) => parseStreamId(event.streamId)?.kind === kind);
    yield { bytes: auditLines(events), lines: events.length, read: page.read, last: page.last };
  }
}
