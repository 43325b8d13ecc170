import { Controller, Get, HttpCode, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@ledgerline/application';
import { ImportJobStore, ImportNotFound, importView, receiveImport, type ImportView } from '@ledgerline/integration';
import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import { CAN } from '../auth/role-matrix';
import { Roles } from '../auth/roles.decorator';
import { CommandErrors, IdempotentPost, ReadErrors } from '../http/api-docs';
import { RecordId } from '../http/record-id';
import { Ctx } from '../http/request-context';
import { ImportQuery, parseMapping } from './import-query';
import { importFormatOf, uploadedFile } from './import-upload';

/** Bulk imports: a file in, a job resource with its progress and its rejected lines out. docs/integration.md, "Bulk import". */
@ApiTags('imports')
@Roles(...CAN.writeIntegrationFacts)
@Controller('v1/imports')
export class ImportsController {
  constructor(private readonly jobs: ImportJobStore) {}

  @Post()
  @HttpCode(202)
  @CommandErrors()
  @IdempotentPost()
  @ApiConsumes('application/x-ndjson', 'text/csv')
  @ApiOperation({
    summary: 'Import a file of customers, purchases, interactions or deals (NDJSON, or CSV with a header row); runs as a job',
    description:
      'A customer line is the body of POST /v1/customers plus externalRefs (the upsert key); a purchase line is the body of ' +
      'POST /v1/customers/{id}/purchases plus customerId or externalRefs; an interaction line the body of POST /v1/interactions ' +
      'with the customer also by externalRefs; a deal line the body of POST /v1/deals, the customer also by externalRefs, ' +
      'the deal by id or dealRef (its id where it comes from), status open, won or lost (with lostReason). ' +
      'The same file again changes nothing.',
  })
  @ApiAcceptedResponse({ description: 'The job: poll its Location for progress' })
  async create(
    @Query() query: ImportQuery,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Ctx() context: CommandContext,
  ): Promise<ImportView> {
    const format = importFormatOf(request);
    const job = await receiveImport(
      this.jobs,
      { kind: query.kind, format, mapping: parseMapping(query.mapping), actor: context.actor },
      uploadedFile(request),
    );
    response.setHeader('Location', `/v1/imports/${job.id}`);
    return importView(job);
  }

  @Get(':id')
  @Roles(...CAN.readImports)
  @ReadErrors()
  @ApiOperation({ summary: 'An import job: status, lines read, applied, unchanged, rejected, rate and time left' })
  @ApiOkResponse({ description: 'The job' })
  async get(@RecordId() id: string): Promise<ImportView> {
    return importView(await this.job(id));
  }

  @Get(':id/errors')
  @Roles(...CAN.readImports)
  @ReadErrors()
  @ApiProduces('application/x-ndjson')
  @ApiOperation({ summary: 'The rejected lines of an import, in line order: { line, code, detail } per line (NDJSON)' })
  async errors(@RecordId() id: string): Promise<StreamableFile> {
    await this.job(id);
    const jobs = this.jobs;
    const lines = Readable.from(
      (async function* () {
        for await (const error of jobs.errors(id)) yield `${JSON.stringify(error)}\n`;
      })(),
    );
    return new StreamableFile(lines, { type: 'application/x-ndjson' });
  }

  @Post(':id/cancel')
  @HttpCode(202)
  @ReadErrors()
  @ApiOperation({ summary: 'Cancel an import: a queued one at once, a running one after its current batch; lines applied stay applied' })
  async cancel(@RecordId() id: string): Promise<ImportView> {
    const job = (await this.jobs.cancel(id)) ?? (await this.job(id));
    return importView(job);
  }

  private async job(id: string) {
    const job = await this.jobs.get(id);
    if (!job) throw new ImportNotFound(id);
    return job;
  }
}
