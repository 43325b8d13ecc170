import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '@ledgerline/event-store';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: '200 when the event store answers, 503 otherwise' })
  check() {
    return this.health.check([
      async () => {
        const indicator = this.indicators.check('eventStore');
        return (await this.eventStore.ping()) ? indicator.up() : indicator.down({ message: 'the event store does not answer' });
      },
    ]);
  }
}
