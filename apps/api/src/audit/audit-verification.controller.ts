import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LogVerification, type CheckpointEntry, type VerificationReport } from '@ledgerline/audit';
import { CAN } from '../auth/role-matrix';
import { Roles } from '../auth/roles.decorator';
import { ReadErrors } from '../http/api-docs';

/** The latest verification of the log's hash chains and its signed checkpoints: docs/audit.md, "Tamper evidence". */
@ApiTags('audit')
@Roles(...CAN.exportAudit)
@Controller('v1/audit')
export class AuditVerificationController {
  constructor(private readonly verification: LogVerification) {}

  @Get('verification')
  @ReadErrors()
  @ApiOperation({
    summary: 'The latest verification of the log run to its head (by `npm run cli -- audit verify`)',
    description:
      'ok, when it started and finished, from where (null: the start of the log, checkpoints included) and through which position, ' +
      'how many events, streams and checkpoints it checked, and its first breaks: problem (hash-mismatch, revision-gap, ' +
      'checkpoint-root, checkpoint-signature), stream, revision, position, expected and found. 404 no-verification-yet before the first.',
  })
  @ApiOkResponse({ description: 'The verification report' })
  latest(): Promise<VerificationReport> {
    return this.verification.latest();
  }

  @Get('checkpoints')
  @ReadErrors()
  @ApiOperation({
    summary: 'Every signed checkpoint of the log, oldest first, to keep outside the system',
    description:
      'Each: revision in the audit-checkpoints stream, position, recordedAt, madeBy (actor), source, checkpoint (through, streams, ' +
      'events, root, algorithm, keyId, signature: docs/audit.md, "Signed checkpoints") and the event\'s own hash.',
  })
  @ApiOkResponse({ description: '{ items: [checkpoint entries] }' })
  async checkpoints(): Promise<{ items: CheckpointEntry[] }> {
    return { items: await this.verification.checkpoints() };
  }
}
