import { applyDecorators, Controller, Get, Query, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseRecordRange, RecordReader } from '@ledgerline/application';
import { RECORD_KIND_NAMES, RECORD_KINDS, type RecordKind } from '@ledgerline/domain';
import { ReadErrors } from '../http/api-docs';
import { DiffQuery } from './diff-query';
import { RecordId } from '../http/record-id';
import { CAN } from '../auth/role-matrix';
import { Roles } from '../auth/roles.decorator';

type HistoryDocs = Readonly<{
  tag: string;
  operationId: string;
  summary: string;
  /** The 200 answer's description: empty where none was written, absent on the segment's (it never listed one). */
  answer?: string;
}>;

const withMetadata = (kind: RecordKind): HistoryDocs => ({
  tag: 'records',
  operationId: `RecordsController_${kind}History`,
  summary: `The ${kind}'s events with their metadata, oldest first`,
  answer: '',
});

// The tags and operationIds are those the routes had before they were derived from the registry: clients generate code from them.
const HISTORY_DOCS: Readonly<Record<RecordKind, HistoryDocs>> = {
  customer: {
    ...withMetadata('customer'),
    summary: "The customer's events with who, when, why and through which system, oldest first",
    answer: '{ items: [{ eventId, type, revision, recordedAt, data, metadata, hash }] }',
  },
  deal: withMetadata('deal'),
  interaction: withMetadata('interaction'),
  pipeline: withMetadata('pipeline'),
  segment: {
    tag: 'segments',
    operationId: 'SegmentReadsController_history',
    summary: "The segment's events (definitions, rule changes, retirement) with who, when and why, oldest first",
  },
};

const HistoryRoute = ({ operationId, summary, answer }: HistoryDocs) =>
  applyDecorators(
    Get(':id/history'),
    Roles(...CAN.readHistory),
    ApiOperation({ operationId, summary }),
    ReadErrors(),
    ...(answer === undefined ? [] : [ApiOkResponse({ description: answer })]),
  );

const DiffRoute = (kind: RecordKind) =>
  applyDecorators(
    Get(':id/diff'),
    Roles(...CAN.readHistory),
    ApiOperation({
      operationId: `RecordsController_${kind}Diff`,
      summary: `The field changes of the ${kind} between two revisions or instants, each with the event, actor and correlation`,
    }),
    ReadErrors(),
    ApiOkResponse({
      description:
        '{ kind, id, fromRevision, toRevision, changes: [{ field, from, to } or { field, added, removed }, with revision, eventId, type, recordedAt, actor, correlationId] }',
    }),
  );

/**
 * `GET /v1/<kind's collection>/:id/history`: a record's events straight from its stream, oldest first; and
 * `GET .../:id/diff`: what they changed, field by field.
 */
function historyController(kind: RecordKind): Type {
  const docs = HISTORY_DOCS[kind];

  @ApiTags(docs.tag)
  @Controller(`v1/${RECORD_KINDS[kind].plural}`)
  class RecordHistoryController {
    constructor(private readonly reader: RecordReader) {}

    @HistoryRoute(docs)
    async history(@RecordId() id: string) {
      return { items: await this.reader.history(kind, id) };
    }

    @DiffRoute(kind)
    diff(@RecordId() id: string, @Query() query: DiffQuery) {
      const { from, to } = parseRecordRange(query, new Date());
      return this.reader.diff(kind, id, from, to);
    }
  }
  return RecordHistoryController;
}

/** One history and one diff route per record kind: a new kind has them without a new controller. */
export const RECORD_HISTORY_CONTROLLERS = RECORD_KIND_NAMES.map(historyController);
