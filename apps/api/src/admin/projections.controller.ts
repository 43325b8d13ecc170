import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProjectionSupervisor } from '@ledgerline/projections';
import { CAN } from '../auth/role-matrix';
import { Roles } from '../auth/roles.decorator';

@ApiTags('admin')
@Roles(...CAN.readOperations)
@Controller('v1/admin/projections')
export class ProjectionsController {
  constructor(private readonly supervisor: ProjectionSupervisor) {}

  @Get()
  @ApiOperation({ summary: 'Each projection: state (live, standby, failed with the error...), position and lag in events and seconds' })
  @ApiOkResponse({
    description: '{ items: [{ name, version, state, position, lagEvents, lagEventsCapped, lagSeconds, error, updatedAt }] }',
  })
  async list() {
    return { items: await this.supervisor.status() };
  }
}
