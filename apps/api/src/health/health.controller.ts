import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import type { Response } from 'express';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/roles.decorator';
import { ReadinessChecks } from './readiness';

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
  async ready(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    try {
      return await this.health.check(this.readiness.all());
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      // Terminus's own body (which dependency is down), not a problem+json that would drop it.
      response.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
