import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LogVerification, type VerificationReport } from '@ledgerline/audit';
import { CAN } from '../auth/role-matrix';
import { Roles } from '../auth/roles.decorator';
import { ReadErrors } from '../http/api-docs';

/** The outcome of the latest verification of the log's hash chains and checkpoints: docs/audit.md, "Tamper evidence". */
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
}
