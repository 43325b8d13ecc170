import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROLES, type Role } from '@ledgerline/platform';
import { startApi, startIdentityProvider, type ApiHarness, type IdentityProvider } from '../support/api-harness';

/**
 * Every route of the app, found in its OpenAPI document (a new route is covered without touching this file),
 * called as every role, by API key and by JWT, and with every kind of bad credential.
 */

type Route = Readonly<{ method: string; path: string; roles: readonly Role[] | undefined; isPublic: boolean }>;
type Outcome = 'allowed' | 401 | 403 | number;

const SECURITY_DOC = resolve(__dirname, '../../docs/security.md');
const [START, END] = ['<!-- role-matrix:start -->', '<!-- role-matrix:end -->'];
const label = (route: Route) => `${route.method.toUpperCase()} ${route.path}`;
const concrete = (path: string) =>
  path
    .replace('{tag}', 'vip')
    .replace('{system}', 'erp')
    .replace(/\{\w+\}/g, randomUUID());
/** A route that only reads, although it is a POST. */
const READS = new Set(['POST /v1/segments/dry-run']);
const isRead = (route: Route) => route.method === 'get' || READS.has(label(route));

describe('authorization of every route', () => {
  let api: ApiHarness;
  let idp: IdentityProvider;
  let routes: Route[];
  const keys = {} as Record<Role, string>;
  const tokens = {} as Record<Role, string>;
  let rejected: Record<string, string | undefined>;

  const call = async (route: Route, credential: string | undefined): Promise<Outcome> => {
    const client = api.as(credential);
    const method = route.method as 'get' | 'post' | 'patch' | 'put' | 'delete';
    const request = client[method](concrete(route.path));
    const response = await (method === 'get' || method === 'delete' ? request : request.send({}));
    if (response.status === 401 || response.status === 403) {
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      if (response.status === 401) expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="ledgerline"/);
      return response.status;
    }
    return 'allowed';
  };

  /** { route: { credential: outcome } } for the given credentials, and what the declared roles say it must be. */
  const walk = async (credentials: Record<string, string | undefined>, expected: (route: Route, name: string) => Outcome) => {
    const actual: Record<string, Record<string, Outcome>> = {};
    const wanted: Record<string, Record<string, Outcome>> = {};
    for (const route of routes.filter((candidate) => !candidate.isPublic)) {
      for (const [name, credential] of Object.entries(credentials)) {
        (actual[label(route)] ??= {})[name] = await call(route, credential);
        (wanted[label(route)] ??= {})[name] = expected(route, name);
      }
    }
    expect(actual).toEqual(wanted);
  };
  const byRole = (route: Route, role: string): Outcome => (route.roles?.includes(role as Role) ? 'allowed' : 403);

  beforeAll(async () => {
    idp = await startIdentityProvider();
    // Hundreds of requests from one client: rate limiting is tested on its own.
    api = await startApi({ ...idp.env, RATE_LIMIT_PER_MINUTE: '0' });
    for (const role of ROLES) {
      keys[role] = (await api.createKey([role], `${role} key`)).secret;
      tokens[role] = await idp.token({ sub: `user-${role}`, name: `A ${role}`, roles: [role, 'unknown-role'] });
    }
    const revoked = await api.createKey(['admin'], 'revoked');
    await api.http().delete(`/v1/admin/api-keys/${revoked.id}`).expect(200);
    const expired = await api.createKey(['admin'], 'expired');
    await api.sql(`UPDATE api_keys SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expired.id]);
    const now = Math.floor(Date.now() / 1000);
    rejected = {
      'no credentials': undefined,
      'a revoked key': revoked.secret,
      'an expired key': expired.secret,
      'an unknown key': `llk_0123456789abcdef_${'x'.repeat(43)}`,
      'the admin key id with another secret': `llk_admin_${'y'.repeat(43)}`,
      'an expired token': await idp.token({ sub: 'late', roles: ['admin'] }, { expiresAt: now - 3600 }),
      'a token for another audience': await idp.token({ sub: 'elsewhere', roles: ['admin'] }, { audience: 'another-api' }),
      'a token signed by another key': await idp.token({ sub: 'forger', roles: ['admin'] }, { foreignKey: true }),
    };
    const { body } = await api.as(undefined).get('/docs-json').expect(200);
    routes = Object.entries(body.paths as Record<string, Record<string, { 'x-roles'?: Role[]; security?: unknown[] }>>).flatMap(
      ([path, operations]) =>
        Object.entries(operations).map(([method, operation]) => ({
          method,
          path,
          roles: operation['x-roles'],
          isPublic: path === '/health' || path.startsWith('/health/') || (path === '/metrics' && operation['x-roles'] === undefined),
        })),
    );
  });
  afterAll(async () => {
    await api.close();
    await idp.close();
  });

  it('finds every route, and each declares its roles unless it is a health check', () => {
    expect(routes.length).toBeGreaterThan(50);
    expect(routes.filter((route) => !route.isPublic && !route.roles?.length).map(label)).toEqual([]);
  });

  it('admits an API key of each role exactly where the route declares that role, 403 elsewhere', async () => {
    await walk(keys, byRole);
  });

  it('admits a JWT user of each role exactly where the route declares that role, 403 elsewhere (unknown role names ignored)', async () => {
    await walk(tokens, byRole);
  });

  it('answers 401 everywhere without credentials or with a revoked, expired, unknown or forged one', async () => {
    await walk(rejected, () => 401);
  });

  it('accepts an API key in X-API-Key too, and says why a valid key is refused', async () => {
    await api.as(undefined).get('/v1/customers').set('X-API-Key', keys.analyst).expect(200);
    const revoked = await api.as(rejected['a revoked key']).get('/v1/customers').expect(401);
    expect(revoked.body).toMatchObject({ status: 401, code: 'unauthorized', detail: expect.stringMatching(/revoked/) });
    expect(revoked.headers['www-authenticate']).toBe('Bearer realm="ledgerline", error="invalid_token"');
    const forbidden = await api.as(keys.analyst).get(`/v1/customers/${randomUUID()}/history`).expect(403);
    expect(forbidden.body).toMatchObject({ status: 403, code: 'forbidden', detail: expect.stringMatching(/auditor/) });
    const basic = await api.as(undefined).get('/v1/customers').set('Authorization', 'Basic YWRtaW46YWRtaW4=').expect(401);
    expect(basic.body.detail).toMatch(/Bearer/);
  });

  it('answers the health checks and the documentation without credentials', async () => {
    await api.as(undefined).get('/health').expect(200);
    await api.as(undefined).get('/docs').expect(200);
    await api.as(undefined).get('/docs-json').expect(200);
  });

  it('gives the roles the powers the issue describes', () => {
    const admitting = (role: Role) => routes.filter((route) => route.roles?.includes(role)).map(label);
    const guarded = routes.filter((route) => !route.isPublic);
    const erasure = guarded.filter((route) => route.path.endsWith('/erase'));
    const recordWrites = guarded.filter(
      (route) => !isRead(route) && /^\/v1\/(customers|deals|interactions)\b/.test(route.path) && !erasure.includes(route),
    );
    const integrationFacts = recordWrites.filter((route) => /external-refs|purchases/.test(route.path));
    // admin: everything.
    expect(admitting('admin')).toEqual(guarded.map(label));
    // auditor: reads everything in /v1, history included; writes nothing.
    expect(admitting('auditor').filter((route) => route.includes(' /v1/'))).toEqual(
      guarded.filter((route) => isRead(route) && route.path.startsWith('/v1/')).map(label),
    );
    expect(admitting('auditor').filter((route) => !isRead(routes.find((candidate) => label(candidate) === route) as Route))).toEqual([]);
    // analyst: no event history, no record writes.
    expect(admitting('analyst').filter((route) => /\/(history|timeline)$/.test(route))).toEqual([]);
    expect(admitting('analyst').filter((route) => recordWrites.map(label).includes(route))).toEqual([]);
    // sales: writes customers, deals and interactions, but not what ERP and billing own.
    expect(recordWrites.filter((route) => !integrationFacts.includes(route) && !route.roles?.includes('sales'))).toEqual([]);
    expect(integrationFacts.filter((route) => route.roles?.includes('sales')).map(label)).toEqual([]);
    // integration: what sales may, plus external references and purchases.
    expect(admitting('sales').filter((route) => !admitting('integration').includes(route))).toEqual([]);
    expect(integrationFacts.filter((route) => !route.roles?.includes('integration')).map(label)).toEqual([]);
    expect(integrationFacts.length).toBe(5);
    // GDPR erasure: irreversible, so the admin's alone.
    expect(erasure.map((route) => [label(route), route.roles])).toEqual([['POST /v1/customers/{id}/erase', ['admin']]]);
  });

  it('is the matrix docs/security.md shows (UPDATE_ROLE_MATRIX=1 rewrites it)', () => {
    const ordered = [...routes].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
    const table = [
      `| Route | ${ROLES.join(' | ')} |`,
      `| --- | ${ROLES.map(() => ':-:').join(' | ')} |`,
      ...ordered.map((route) =>
        route.isPublic
          ? `| \`${label(route)}\` | ${ROLES.map(() => 'public').join(' | ')} |`
          : `| \`${label(route)}\` | ${ROLES.map((role) => (route.roles?.includes(role) ? '✓' : '')).join(' | ')} |`,
      ),
    ].join('\n');
    const doc = readFileSync(SECURITY_DOC, 'utf8');
    const [before, rest] = doc.split(START);
    const [current, after] = rest.split(END);
    // Prettier pads the cells; what counts is their content.
    const cells = (markdown: string) =>
      markdown
        .trim()
        .split('\n')
        .map((line) => line.split('|').map((cell) => cell.trim().replace(/^:?-+:?$/, '-')));
    if (process.env.UPDATE_ROLE_MATRIX) {
      writeFileSync(SECURITY_DOC, `${before}${START}\n\n${table}\n\n${END}${after}`);
      // Formatted as the lint's `prettier --check` expects it.
      execFileSync(process.execPath, [require.resolve('prettier/bin/prettier.cjs'), '--write', SECURITY_DOC]);
    } else expect(cells(current)).toEqual(cells(table));
  });
});
