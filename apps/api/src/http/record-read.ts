import { applyDecorators, Get } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { CAN } from '../auth/role-matrix';
import { AnswersCurrentRecord } from './record-headers';

/** `GET :id` answering a CurrentRecord read from the record's stream: its state, ETag = revision. */
export const RecordRead = (operation: Readonly<{ summary: string; operationId?: string }>) =>
  applyDecorators(Get(':id'), Roles(...CAN.read), ApiOperation(operation), AnswersCurrentRecord());
