import { BadRequestException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * For answers that hold a secret: an Idempotency-Key would store the answer to replay it, and the secret with it.
 * Refused before the idempotency interceptor sees the request.
 */
@Injectable()
export class NoIdempotencyKey implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.switchToHttp().getRequest<Request>().header('idempotency-key') === undefined) return true;
    throw new BadRequestException('Idempotency-Key is not accepted here: the answer holds a secret, which is never stored.');
  }
}
