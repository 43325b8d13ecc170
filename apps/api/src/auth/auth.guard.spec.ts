import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Authentication, Authenticator } from '@ledgerline/platform';
import { AuthGuard } from './auth.guard';
import { Public, Roles } from './roles.decorator';

class Routes {
  @Roles('sales', 'admin')
  declared() {}

  undeclared() {}

  @Public()
  health() {}
}

const as = (authentication: Authentication) => ({ authenticate: async () => authentication }) as unknown as Authenticator;
const analyst: Authentication = {
  kind: 'authenticated',
  principal: { type: 'api-key', id: 'k1', name: 'BI', roles: ['analyst'], authMethod: 'api-key' },
};
const sales: Authentication = { kind: 'authenticated', principal: { ...analyst.principal, roles: ['sales'] } } as Authentication;

function context(handler: keyof Routes) {
  const headers: Record<string, string> = {};
  const request = { header: () => undefined };
  const response = { setHeader: (name: string, value: string) => (headers[name] = value) };
  const execution = {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ExecutionContext;
  return { execution, headers, request: request as { actor?: unknown } };
}

describe('AuthGuard', () => {
  const guard = (authentication: Authentication) => new AuthGuard(new Reflector(), as(authentication));

  it('denies a route that declares no roles, whoever calls it', async () => {
    await expect(guard(sales).canActivate(context('undeclared').execution)).rejects.toThrow(ForbiddenException);
  });

  it('admits a declared role and makes the principal the actor', async () => {
    const { execution, request } = context('declared');
    await expect(guard(sales).canActivate(execution)).resolves.toBe(true);
    expect(request.actor).toEqual({ type: 'api-key', id: 'k1', name: 'BI', roles: ['sales'], authMethod: 'api-key' });
  });

  it('answers 403 for another role and 401 with a challenge without credentials', async () => {
    await expect(guard(analyst).canActivate(context('declared').execution)).rejects.toThrow(ForbiddenException);
    const { execution, headers } = context('declared');
    await expect(guard({ kind: 'anonymous' }).canActivate(execution)).rejects.toThrow(UnauthorizedException);
    expect(headers['WWW-Authenticate']).toBe('Bearer realm="ledgerline"');
  });

  it('lets anyone reach a public route', async () => {
    await expect(guard({ kind: 'anonymous' }).canActivate(context('health').execution)).resolves.toBe(true);
  });
});
