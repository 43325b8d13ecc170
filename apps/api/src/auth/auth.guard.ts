import {
  ForbiddenException,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Authenticator, IdentityProviderUnavailable, type Role } from '@ledgerline/platform';
import type { Request, Response } from 'express';
import { authenticateRequest } from '../http/request-context';
import { PUBLIC_METADATA, ROLES_METADATA } from './roles.decorator';

const CHALLENGE = 'Bearer realm="ledgerline"';

/**
 * Default deny, for every route of the app: a route is answered only for a caller whose credential is valid
 * (401 otherwise) and who holds one of the roles the route declares (403 otherwise, also when it declares none).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets)) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();

    const authentication = await this.authenticator
      .authenticate({ authorization: request.header('authorization'), apiKey: request.header('x-api-key') })
      .catch((error: unknown) => {
        if (error instanceof IdentityProviderUnavailable) throw new ServiceUnavailableException(error.message);
        throw error;
      });
    if (authentication.kind !== 'authenticated') {
      const detail =
        authentication.kind === 'rejected'
          ? authentication.detail
          : 'Credentials are required: send "Authorization: Bearer <API key or token>" or "X-API-Key: <API key>".';
      response.setHeader('WWW-Authenticate', authentication.kind === 'rejected' ? `${CHALLENGE}, error="invalid_token"` : CHALLENGE);
      throw new UnauthorizedException(detail);
    }
    const { principal } = authentication;
    authenticateRequest(request, principal);

    const allowed = this.reflector.getAllAndOverride<readonly Role[] | undefined>(ROLES_METADATA, targets);
    if (!allowed) throw new ForbiddenException('This route declares no roles, so nobody may call it.');
    if (!principal.roles.some((role) => allowed.includes(role))) {
      throw new ForbiddenException(`This needs one of the roles ${allowed.join(', ')}; you have ${principal.roles.join(', ') || 'none'}.`);
    }
    return true;
  }
}
