import { Controller, Get, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/roles.decorator';
import { ReadinessChecks } from './readiness';
import { ReadinessFailureFilter } from './readiness-failure.filter';

@ApiTags('health')
@SkipThrottle()
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: ReadinessChecks,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: '200 when the event store answers, 503 otherwise' })
  check() {
    return this.health.check([this.readiness.eventStoreCheck()]);
  }

  @Get('live')
  @ApiOperation({ summary: '200 while the process runs (liveness): depends on nothing else' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: '200 when the event store, the read-model database and (with KAFKA_BROKERS) Kafka answer; 503 naming what does not',
  })
  @UseFilters(ReadinessFailureFilter)
  ready(): Promise<HealthCheckResult> {
    return this.health.check(this.readiness.all());
  }
}
