import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SegmentRefresher } from '@ledgerline/projections';
import { RefreshSegmentsBody } from '../segments/segment.bodies';
import { CAN } from '../auth/role-matrix';
import { Roles } from '../auth/roles.decorator';

@ApiTags('admin')
@Roles(...CAN.administer)
@Controller('v1/admin/segments')
export class SegmentRefreshController {
  constructor(private readonly refresher: SegmentRefresher) {}

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Recompute RFM scores and re-decide members of segments using relative time or RFM now, instead of at the next scheduled run',
  })
  @ApiOkResponse({ description: '{ at, rfmScored, segments, entered, left }' })
  refresh(@Body() { rfm = true }: RefreshSegmentsBody) {
    return this.refresher.refresh({ rfm });
  }
}
