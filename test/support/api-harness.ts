import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { loadConfig, PG_POOL } from '@ledgerline/platform';
import type { Pool } from 'pg';
import request from 'supertest';
import { createApp } from '../../apps/api/src/app';
import { createTestDatabase } from './test-database';

export type ApiHarness = Readonly<{
  /** Requests sent with the bootstrap admin key (ADMIN_API_KEY); see `as` for other credentials. */
  http: () => ReturnType<typeof request>;
  /** Requests sent with this credential as `Authorization: Bearer`, or with none when undefined. */
  as: (credential: string | undefined) => ReturnType<typeof request>;
  adminKey: string;
  /** The application's database, for a CLI run beside the API. */
  databaseUrl: string;
  /** A new API key made through POST /v1/admin/api-keys. */
  createKey: (roles: readonly string[], name?: string) => Promise<{ id: string; secret: string }>;
  /** Every event committed to the store, to prove what was (not) written. */
  allEvents: () => Promise<{ type: string }[]>;
  /** Runs SQL on the application's database, to set up situations no request can (a crash, say). */
  sql: (text: string, parameters?: unknown[]) => Promise<unknown>;
  /** Runs the request and proves it appended nothing to the store. */
  writesNothing: <R>(send: () => PromiseLike<R>) => Promise<R>;
  /** Stops the app and starts a new one on the same database, as a process restart would. */
  restart: () => Promise<void>;
  close: () => Promise<void>;
}>;

/** The real API on a fresh database of the test PostgreSQL, built exactly as production builds it. */
export async function startApi(env: NodeJS.ProcessEnv = {}): Promise<ApiHarness> {
  const database = await createTestDatabase();
  const adminKey = env.ADMIN_API_KEY ?? `llk_admin_${randomBytes(32).toString('base64url')}`;
  const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'error', DATABASE_POOL_SIZE: '10', ADMIN_API_KEY: adminKey, ...env });
  let app: INestApplication;
  const boot = async () => {
    app = await createApp(config, { logger: false });
    await app.init();
  };
  await boot();
  // Every committed event, read from the table: $all itself only shows events once every older writing
  // transaction (say, a projection's batch) has ended, which would make "nothing was written" racy.
  const allEvents = async () =>
    (await app.get<Pool>(PG_POOL).query<{ type: string }>('SELECT type FROM events ORDER BY global_position')).rows;
  const as = (credential: string | undefined) =>
    credential === undefined
      ? request(app.getHttpServer())
      : request.agent(app.getHttpServer()).set('Authorization', `Bearer ${credential}`);
  return {
    http: () => as(adminKey),
    as,
    adminKey,
    databaseUrl: database.url,
    createKey: async (roles, name = roles.join('+')) => {
      const { body } = await as(adminKey).post('/v1/admin/api-keys').send({ name, roles }).expect(201);
      return { id: body.id, secret: body.secret };
    },
    allEvents,
    sql: (text, parameters) => app.get<Pool>(PG_POOL).query(text, parameters),
    writesNothing: async (send) => {
      const before = (await allEvents()).length;
      const response = await send();
      expect((await allEvents()).slice(before).map((event) => event.type)).toEqual([]);
      return response;
    },
    restart: async () => {
      await app.close();
      await boot();
    },
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

export type IdentityProvider = Readonly<{
  issuer: string;
  audience: string;
  /** JWT_ISSUER, JWT_AUDIENCE and JWT_JWKS_URL for startApi. */
  env: Record<string, string>;
  /** A token signed by this provider's key; claims override the defaults (valid for five minutes, for our audience). */
  token: (
    claims: JWTPayload & { sub: string },
    options?: { audience?: string; expiresAt?: number; foreignKey?: boolean },
  ) => Promise<string>;
  close: () => Promise<void>;
}>;

/** An identity provider on loopback: a locally generated RS256 key pair whose public half is served as a JWKS. */
export async function startIdentityProvider(): Promise<IdentityProvider> {
  const [own, foreign] = await Promise.all([generateKeyPair('RS256'), generateKeyPair('RS256')]);
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(own.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' }] });
  const server = createServer((_, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${base}/`;
  const audience = 'ledgerline-api';
  return {
    issuer,
    audience,
    env: { JWT_ISSUER: issuer, JWT_AUDIENCE: audience, JWT_JWKS_URL: `${base}/.well-known/jwks.json` },
    token: (claims, options = {}) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer(issuer)
        .setAudience(options.audience ?? audience)
        .setIssuedAt(now - 60)
        .setExpirationTime(options.expiresAt ?? now + 300)
        .sign((options.foreignKey ? foreign : own).privateKey);
    },
    close: () => new Promise((closed) => server.close(() => closed())),
  };
}
