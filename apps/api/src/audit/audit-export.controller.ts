import { Controller, Get, Inject, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { auditExport, parseLogRange } from '@ledgerline/application';
import { EVENT_STORE, type EventStore } from '@ledgerline/event-store';
import { Readable } from 'node:stream';
import { CAN } from '../auth/role-matrix';
import { Roles } from '../auth/roles.decorator';
import { ReadErrors } from '../http/api-docs';
import { AuditExportQuery } from './audit-export-query';

/** The log for auditors, as NDJSON: docs/audit.md, "Export". It writes nothing. */
@ApiTags('audit')
@Roles(...CAN.exportAudit)
@Controller('v1/audit')
export class AuditExportController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('export')
  @ReadErrors()
  @ApiProduces('application/x-ndjson')
  @ApiOperation({
    summary: 'Every event of a range of the log, in log order, one JSON object per line, with all its metadata',
    description:
      'Each line: position, stream, revision, eventId, type, schemaVersion, recordedAt, data and metadata (actor, correlationId, ' +
      'causationId, source, occurredAt). Streamed a page at a time. To resume after an interruption, ask again with the same ' +
      'parameters and after = the position of the last complete line. A download cut short by a failure ends without its final ' +
      'chunk, never as a complete-looking file.',
  })
  @ApiOkResponse({ description: 'NDJSON, one event per line' })
  async export(@Query() query: AuditExportQuery): Promise<StreamableFile> {
    const chunks = auditExport(this.store, { range: parseLogRange(query), kind: query.kind });
    // The first page is read before answering, so that a store that fails at once answers a problem, not a cut download.
    const first = await chunks.next();
    const bytes = (async function* () {
      for (let next = first; !next.done; next = await chunks.next()) if (next.value.lines > 0) yield next.value.bytes;
    })();
    return new StreamableFile(Readable.from(bytes), { type: 'application/x-ndjson' });
  }
}
