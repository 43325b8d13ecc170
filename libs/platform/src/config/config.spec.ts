import { InvalidConfiguration, loadConfig } from './config';

describe('loadConfig', () => {
  it('given no environment, runs on the embedded default', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      eventStore: { kind: 'postgres' },
      logLevel: 'info',
      runProjections: true,
      segmentRefreshSeconds: 60,
      rfmRefreshSeconds: 3600,
    });
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it('switches the event store to EventStoreDB', () => {
    expect(loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTOREDB_URL: 'esdb://localhost:2113?tls=false' }).eventStore).toEqual({
      kind: 'eventstoredb',
      url: 'esdb://localhost:2113?tls=false',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ EVENT_STORE: 'kafka' }, 'EVENT_STORE'],
    [{ EVENT_STORE: 'eventstoredb' }, 'EVENTSTOREDB_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SEGMENT_REFRESH_SECONDS: '0' }, 'SEGMENT_REFRESH_SECONDS'],
    [{ RFM_REFRESH_SECONDS: 'hourly' }, 'RFM_REFRESH_SECONDS'],
    [{ PROJECTIONS: 'yes' }, 'PROJECTIONS'],
    [{ KAFKA_BROKERS: 'localhost' }, 'KAFKA_BROKERS'],
    [{ KAFKA_BROKERS: 'a:1', KAFKA_TOPIC_PARTITIONS: '0' }, 'KAFKA_TOPIC_PARTITIONS'],
    [{ KAFKA_BROKERS: 'a:1', KAFKA_INBOUND: 'yes' }, 'KAFKA_INBOUND'],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://crm.example.com/app' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'ftp://crm.example.com' }, 'CORS_ORIGINS'],
    [{ RATE_LIMIT_PER_MINUTE: '-1' }, 'RATE_LIMIT_PER_MINUTE'],
    [{ METRICS_PUBLIC: 'true' }, 'METRICS_PUBLIC'],
    [{ SHUTDOWN_TIMEOUT_SECONDS: '0' }, 'SHUTDOWN_TIMEOUT_SECONDS'],
    [{ ADMIN_API_KEY: 'changeme' }, 'ADMIN_API_KEY'],
    [{ ADMIN_API_KEY: `llk_12ab_${'x'.repeat(40)}` }, 'ADMIN_API_KEY'],
    [{ AUDIT_SIGNING_KEY: 'short-secret' }, 'AUDIT_SIGNING_KEY'],
    [{ AUDIT_CHECKPOINT_INTERVAL_SECONDS: '-1' }, 'AUDIT_CHECKPOINT_INTERVAL_SECONDS'],
    [{ PRIVACY_MASTER_KEY: Buffer.alloc(16).toString('base64') }, 'PRIVACY_MASTER_KEY'],
    [{ PRIVACY_MASTER_KEY: 'not base64 at all!' }, 'PRIVACY_MASTER_KEY'],
    [{ JWT_ISSUER: 'https://idp.example.com/' }, 'JWT_AUDIENCE'],
    [{ JWT_ISSUER: 'https://idp.example.com/', JWT_AUDIENCE: 'ledgerline' }, 'JWT_JWKS_URL'],
    [{ JWT_ISSUER: 'i', JWT_AUDIENCE: 'a', JWT_JWKS_URL: 'ldap://idp' }, 'JWT_JWKS_URL'],
    [{ JWT_ISSUER: 'i', JWT_AUDIENCE: 'a', JWT_JWKS_URL: 'https://idp/jwks', JWT_ROLES_CLAIM: 'roles[0]' }, 'JWT_ROLES_CLAIM'],
  ])('names the bad variable in %j', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(InvalidConfiguration);
    expect(() => loadConfig(env)).toThrow(variable);
  });

  it('turns the Kafka relay on with KAFKA_BROKERS only', () => {
    expect(loadConfig({}).kafka).toBeUndefined();
    expect(loadConfig({ KAFKA_BROKERS: 'k1:9092, k2:9092', KAFKA_REPLICATION_FACTOR: '3' }).kafka).toEqual({
      brokers: ['k1:9092', 'k2:9092'],
      clientId: 'ledgerline',
      partitions: 3,
      replicationFactor: 3,
      inbound: true,
      inboundConcurrency: 16,
      inboundSessionTimeoutSeconds: 30,
    });
    expect(loadConfig({ KAFKA_BROKERS: 'k1:9092', KAFKA_INBOUND: 'off' }).kafka?.inbound).toBe(false);
    expect(loadConfig({ KAFKA_BROKERS: 'k1:9092', KAFKA_INBOUND_CONCURRENCY: '4' }).kafka?.inboundConcurrency).toBe(4);
  });

  it('keeps CORS off, limits each credential to 1200 requests a minute and keeps /metrics private by default', () => {
    expect(loadConfig({}).operations).toEqual({
      corsOrigins: [],
      rateLimitPerMinute: 1200,
      metricsPublic: false,
      shutdownTimeoutSeconds: 25,
    });
    expect(
      loadConfig({
        CORS_ORIGINS: 'https://crm.example.com, http://localhost:5173',
        RATE_LIMIT_PER_MINUTE: '0',
        METRICS_PUBLIC: 'on',
        SHUTDOWN_TIMEOUT_SECONDS: '10',
      }).operations,
    ).toEqual({
      corsOrigins: ['https://crm.example.com', 'http://localhost:5173'],
      rateLimitPerMinute: 0,
      metricsPublic: true,
      shutdownTimeoutSeconds: 10,
    });
  });

  it('verifies JWTs only when issuer, audience and JWKS URL are all set; roles come from "roles" unless JWT_ROLES_CLAIM says otherwise', () => {
    expect(loadConfig({}).auth).toEqual({ adminApiKey: undefined, jwt: undefined });
    const env = { JWT_ISSUER: 'https://idp.example.com/', JWT_AUDIENCE: 'ledgerline', JWT_JWKS_URL: 'https://idp.example.com/jwks' };
    expect(loadConfig(env).auth.jwt).toEqual({
      issuer: 'https://idp.example.com/',
      audience: 'ledgerline',
      jwksUrl: 'https://idp.example.com/jwks',
      rolesClaim: 'roles',
    });
    expect(loadConfig({ ...env, JWT_ROLES_CLAIM: 'realm_access.roles' }).auth.jwt?.rolesClaim).toBe('realm_access.roles');
  });

  it('takes a well-formed ADMIN_API_KEY and never repeats a malformed one', () => {
    const key = `llk_admin_${'a'.repeat(43)}`;
    expect(loadConfig({ ADMIN_API_KEY: key }).auth.adminApiKey).toBe(key);
    expect(() => loadConfig({ ADMIN_API_KEY: 'hunter2-hunter2' })).not.toThrow(/hunter2/);
  });

  it('takes an AUDIT_SIGNING_KEY of 32 bytes or more and never repeats a short one', () => {
    expect(loadConfig({}).audit).toEqual({ signingKey: undefined, checkpointIntervalSeconds: 3_600 });
    expect(loadConfig({ AUDIT_SIGNING_KEY: 'k'.repeat(32), AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0' }).audit).toEqual({
      signingKey: 'k'.repeat(32),
      checkpointIntervalSeconds: 0,
    });
    expect(() => loadConfig({ AUDIT_SIGNING_KEY: 'hunter2-hunter2' })).toThrow(/AUDIT_SIGNING_KEY/);
    expect(() => loadConfig({ AUDIT_SIGNING_KEY: 'hunter2-hunter2' })).not.toThrow(/hunter2/);
  });

  it('takes a PRIVACY_MASTER_KEY of 32 bytes in base64 and never repeats a malformed one', () => {
    const key = Buffer.alloc(32, 7);
    expect(loadConfig({}).privacy.masterKey).toBeUndefined();
    expect(loadConfig({ PRIVACY_MASTER_KEY: key.toString('base64') }).privacy.masterKey?.equals(key)).toBe(true);
    expect(() => loadConfig({ PRIVACY_MASTER_KEY: 'hunter2hunter2==' })).toThrow(/PRIVACY_MASTER_KEY/);
    expect(() => loadConfig({ PRIVACY_MASTER_KEY: 'hunter2hunter2==' })).not.toThrow(/hunter2/);
  });

  it('hides credentials of a malformed URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres//user:secret@host' })).not.toThrow(/secret/);
  });
});
