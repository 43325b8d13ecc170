import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RecordReader } from '@ledgerline/application';
import { RecordId } from './record-id';
import { ReadErrors } from './api-docs';
import { AnswersCurrentRecord } from './record-headers';
import { CAN } from '../auth/role-matrix';
import { Roles } from '../auth/roles.decorator';

/** Reads of one record straight from its stream: current state (ETag = revision) and full history. Customers are read from their read model. */
@ApiTags('records')
@Controller('v1')
@ReadErrors()
export class RecordsController {
  constructor(private readonly reader: RecordReader) {}

  @Get('deals/:id')
  @Roles(...CAN.read)
  @ApiOperation({ summary: 'A deal as its events tell it now, with its stage history' })
  @AnswersCurrentRecord()
  deal(@RecordId() id: string) {
    return this.reader.current('deal', id);
  }

  @Get('interactions/:id')
  @Roles(...CAN.read)
  @ApiOperation({ summary: 'An interaction as its events tell it now' })
  @AnswersCurrentRecord()
  interaction(@RecordId() id: string) {
    return this.reader.current('interaction', id);
  }

  @Get('customers/:id/history')
  @Roles(...CAN.readHistory)
  @ApiOperation({ summary: "The customer's events with who, when, why and through which system, oldest first" })
  @ApiOkResponse({ description: '{ items: [{ eventId, type, revision, recordedAt, data, metadata }] }' })
  async customerHistory(@RecordId() id: string) {
    return { items: await this.reader.history('customer', id) };
  }

  @Get('deals/:id/history')
  @Roles(...CAN.readHistory)
  @ApiOperation({ summary: "The deal's events with their metadata, oldest first" })
  async dealHistory(@RecordId() id: string) {
    return { items: await this.reader.history('deal', id) };
  }

  @Get('pipelines/:id/history')
  @Roles(...CAN.readHistory)
  @ApiOperation({ summary: "The pipeline's events with their metadata, oldest first" })
  async pipelineHistory(@RecordId() id: string) {
    return { items: await this.reader.history('pipeline', id) };
  }

  @Get('interactions/:id/history')
  @Roles(...CAN.readHistory)
  @ApiOperation({ summary: "The interaction's events with their metadata, oldest first" })
  async interactionHistory(@RecordId() id: string) {
    return { items: await this.reader.history('interaction', id) };
  }
}
