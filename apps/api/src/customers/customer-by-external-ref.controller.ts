import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ExternalReferenceIndex, ExternalReferenceNotLinked } from '@ledgerline/application';
import { ReadErrors } from '../http/api-docs';
import { CAN } from '../auth/role-matrix';
import { Roles } from '../auth/roles.decorator';

/** Finds a customer by its id in another system, from the write-side index: fresh right after the link's answer. */
@ApiTags('customers')
@Roles(...CAN.read)
@Controller('v1/customers/by-external-ref')
export class CustomerByExternalRefController {
  constructor(private readonly index: ExternalReferenceIndex) {}

  @Get(':system/:externalId')
  @ReadErrors()
  @ApiOperation({ summary: 'The customer linked to an id in another system (erp, billing...): its id and revision; 404 when none is' })
  @ApiOkResponse({ description: '{ customerId, revision }' })
  async find(@Param('system') system: string, @Param('externalId') externalId: string) {
    const holder = await this.index.holderOf(system.trim(), externalId.trim());
    if (!holder) throw new ExternalReferenceNotLinked(system, externalId);
    return holder;
  }
}
