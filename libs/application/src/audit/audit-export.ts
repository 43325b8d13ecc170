import { parseStreamId, type RecordKind } from '@ledgerline/domain';
import { readLogRange, type EventStore, type EventText, type GlobalPosition, type LogRange } from '@ledgerline/event-store';

/** What an auditor exports: a range of the log, all of it or the events of one record kind. */
export type AuditExportRequest = Readonly<{ range: LogRange; kind?: RecordKind }>;

/** A page of the export as NDJSON text, with what it holds and the position a resumed export would start after. */
export type AuditExportChunk = Readonly<{ text: string; lines: number; read: number; last: GlobalPosition }>;

/** Events per read of the log: one page is all the export holds in memory. */
export const AUDIT_EXPORT_PAGE_SIZE = 1_000;

/**
 * One stored event, every field the store keeps, as one line of the export: its stream and its history entry
 * (record-history.ts), with data and metadata put in as the store's text, neither parsed nor serialized again.
 */
export const auditLine = (event: EventText): string =>
  `{"stream":${JSON.stringify(event.streamId)},"eventId":${JSON.stringify(event.id)},"type":${JSON.stringify(event.type)},` +
  `"schemaVersion":${event.schemaVersion},"revision":${event.revision},"position":"${event.position}",` +
  `"recordedAt":"${event.recordedAt.toISOString()}","data":${event.data},"metadata":${event.metadata},"hash":"${event.hash}"}`;

/**
 * The log as NDJSON, in $all order, a page at a time (never the whole log in memory). A page with no event of the
 * request still yields a chunk, with no text, so that progress and the resume position move on.
 */
export async function* auditExport(
  store: Pick<EventStore, 'readAllText'>,
  { range, kind }: AuditExportRequest,
  pageSize = AUDIT_EXPORT_PAGE_SIZE,
): AsyncGenerator<AuditExportChunk> {
  const texts = { readAll: (options: Parameters<EventStore['readAllText']>[0]) => store.readAllText(options) };
  for await (const page of readLogRange(texts, range, pageSize)) {
    const events = kind === undefined ? page.events : page.events.filter((event) => parseStreamId(event.streamId)?.kind === kind);
    const text = events.length === 0 ? '' : `${events.map(auditLine).join('\n')}\n`;
    yield { text, lines: events.length, read: page.read, last: page.last };
  }
}
