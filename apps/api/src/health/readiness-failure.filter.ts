import { Catch, ServiceUnavailableException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';

/** A failed readiness check answers 503 with Terminus's own body (which dependency is down), not a problem+json that would drop it. */
@Catch(ServiceUnavailableException)
export class ReadinessFailureFilter implements ExceptionFilter {
  catch(failure: ServiceUnavailableException, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(503).json(failure.getResponse());
  }
}
