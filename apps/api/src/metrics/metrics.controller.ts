import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public, Roles } from '../auth/roles.decorator';
import { Metrics } from './metrics';

/** /metrics for admins only: the default. */
@ApiTags('operations')
@SkipThrottle()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Roles('admin')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Prometheus metrics of this process (docs/operations.md lists the series)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4' })
  scrape(): Promise<string> {
    return this.metrics.scrape();
  }
}

/** METRICS_PUBLIC=on: a Prometheus that holds no credential may scrape (keep /metrics off public networks then). */
@Public()
@Controller('metrics')
export class PublicMetricsController extends MetricsController {}
