import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RecordReader, type RecordKind } from '@ledgerline/application';
import type { Response } from 'express';
import { RecordId } from './record-id';
import { ReadErrors } from './api-docs';
import { setEtag } from './etag';
import { CAN } from '../auth/role-matrix';
import { Roles } from '../auth/roles.decorator';

/** Reads of one record straight from its stream: current state (ETag = revision) and full history. Customers are read from their read model. */
@ApiTags('records')
@Controller('v1')
@ReadErrors()
export class RecordsController {
  constructor(private readonly reader: RecordReader) {}

  private async current(kind: RecordKind, id: string, response: Response) {
    const { state, revision } = await this.reader.current(kind, id);
    setEtag(response, revision);
    return state;
  }

  @Get('deals/:id')
  @Roles(...CAN.read)
  @ApiOperation({ summary: 'A deal as its events tell it now, with its stage history' })
  deal(@RecordId() id: string, @Res({ passthrough: true }) response: Response) {
    return this.current('deal', id, response);
  }

  @Get('interactions/:id')
  @Roles(...CAN.read)
  @ApiOperation({ summary: 'An interaction as its events tell it now' })
  interaction(@RecordId() id: string, @Res({ passthrough: true }) response: Response) {
    return this.current('interaction', id, response);
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
