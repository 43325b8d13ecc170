import { applyDecorators, Controller, Get, type Type } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RecordReader } from '@ledgerline/application';
import { RECORD_KINDS, type RecordKind } from '@ledgerline/domain';
import { Roles } from '../auth/roles.decorator';
import { CAN } from '../auth/role-matrix';
import { ReadErrors } from './api-docs';
import { AnswersRecord } from './record-as-of';
import { RecordId } from './record-id';

type Operation = Readonly<{ summary: string; operationId?: string }>;

/** `GET :id` answering a CurrentRecord read from the record's stream: its state, ETag = revision; or its state as of a point. */
export const RecordRead = (kind: RecordKind, operation: Operation) =>
  applyDecorators(Get(':id'), Roles(...CAN.read), ApiOperation(operation), AnswersRecord(kind));

/** A controller whose one route is `GET /v1/<kind's collection>/:id`, the record straight from its stream. */
export function RecordReadController(kind: RecordKind, operation: Operation): Type {
  @ApiTags('records')
  @Controller(`v1/${RECORD_KINDS[kind].plural}`)
  @ReadErrors()
  class CurrentRecordController {
    constructor(private readonly reader: RecordReader) {}

    @RecordRead(kind, operation)
    get(@RecordId() id: string) {
      return this.reader.current(kind, id);
    }
  }
  return CurrentRecordController;
}
