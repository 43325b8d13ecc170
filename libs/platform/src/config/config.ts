import { resolve } from 'node:path';

/** Everything the processes read from the environment, validated once at start. */
export type LedgerlineConfig = Readonly<{
  port: number;
  dataDir: string;
  /** Unset means: start an embedded PostgreSQL under dataDir. */
  databaseUrl: string | undefined;
  eventStore: Readonly<{ kind: 'postgres' } | { kind: 'eventstoredb'; url: string }>;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  databasePoolSize: number;
  /** Set with KAFKA_BROKERS: the relay publishes the public contracts; unset, nothing goes to Kafka. */
  kafka:
    | Readonly<{
        brokers: readonly string[];
        clientId: string;
        partitions: number;
        replicationFactor: number;
        /** KAFKA_INBOUND: whether this process consumes the ERP and billing topics (docs/integration.md). */
        inbound: boolean;
        /** KAFKA_INBOUND_CONCURRENCY: inbound records this process applies at once, over all its partitions. */
        inboundConcurrency: number;
        /** KAFKA_INBOUND_SESSION_TIMEOUT_SECONDS: how long a consumer that died unannounced keeps its partitions. */
        inboundSessionTimeoutSeconds: number;
      }>
    | undefined;
  /** Whether this process runs the projections (the embedded default does; split deployments leave it to workers). */
  runProjections: boolean;
  /** Attempts a command gets when a concurrent writer wins and the client sent no If-Match. */
  commandRetries: number;
  /** How often members of segments with relative-time rules ("no purchase for 30 days") are re-decided. */
  segmentRefreshSeconds: number;
  /** How often RFM scores are recomputed (and segments using them re-decided). */
  rfmRefreshSeconds: number;
  /** Hardened HTTP, metrics and shutdown (docs/operations.md). */
  operations: OperationsConfig;
  /** Who may call the API: the bootstrap admin key and the identity provider (docs/security.md). */
  auth: AuthConfig;
  /** Tamper evidence: signed checkpoints of the log (docs/audit.md). */
  audit: AuditConfig;
  /** Personal data sealed per data subject (docs/security.md, "Personal data keys"). */
  privacy: PrivacyConfig;
}>;

export type PrivacyConfig = Readonly<{
  /** PRIVACY_MASTER_KEY: the 32-byte master key that wraps the data subjects' keys; unset, a key file under DATA_DIR. */
  masterKey: Buffer | undefined;
}>;

export type AuditConfig = Readonly<{
  /** AUDIT_SIGNING_KEY: the HMAC key checkpoints are signed and verified with; unset, none are made. */
  signingKey: string | undefined;
  /** AUDIT_CHECKPOINT_INTERVAL_SECONDS: how often the process running projections signs one (with a key); 0: never. */
  checkpointIntervalSeconds: number;
}>;

export type AuthConfig = Readonly<{
  /** ADMIN_API_KEY: the first admin key (llk_admin_…), stored hashed on start. */
  adminApiKey: string | undefined;
  /** Set with JWT_ISSUER, JWT_AUDIENCE and JWT_JWKS_URL: bearer tokens of people are verified against the provider's keys. */
  jwt: JwtConfig | undefined;
}>;

export type JwtConfig = Readonly<{
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** The claim holding role names ("roles" by default; a dotted path like "realm_access.roles" reaches into objects). */
  rolesClaim: string;
}>;

export type OperationsConfig = Readonly<{
  /** CORS_ORIGINS: browser origins allowed to call the API; empty means CORS stays off. */
  corsOrigins: readonly string[];
  /** Requests per minute per credential (or client IP without one); 0 turns rate limiting off. */
  rateLimitPerMinute: number;
  /** METRICS_PUBLIC: /metrics answers without credentials. */
  metricsPublic: boolean;
  /** How long SIGTERM may take to drain requests, finish projection batches and close pools. */
  shutdownTimeoutSeconds: number;
}>;

export class InvalidConfiguration extends Error {
  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'InvalidConfiguration';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidConfiguration(name, `must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: readonly string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new InvalidConfiguration(name, `is not a URL: "${raw.replace(/\/\/[^@]*@/, '//***@')}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new InvalidConfiguration(name, `must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
  }
  return raw;
}

function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'on' || raw === 'off') return raw === 'on';
  throw new InvalidConfiguration(name, `must be "on" or "off", got "${raw}"`);
}

const BROKER = /^[A-Za-z0-9.-]+:\d{1,5}$/;

function kafka(env: NodeJS.ProcessEnv): LedgerlineConfig['kafka'] {
  const raw = env.KAFKA_BROKERS;
  if (raw === undefined || raw.trim() === '') return undefined;
  const brokers = raw.split(',').map((broker) => broker.trim());
  const bad = brokers.find((broker) => !BROKER.test(broker));
  if (bad !== undefined) throw new InvalidConfiguration('KAFKA_BROKERS', `must be host:port[,host:port...], got "${bad}"`);
  return {
    brokers,
    clientId: env.KAFKA_CLIENT_ID || 'ledgerline',
    partitions: integer(env, 'KAFKA_TOPIC_PARTITIONS', 3, 1, 1000),
    replicationFactor: integer(env, 'KAFKA_REPLICATION_FACTOR', 1, 1, 10),
    inbound: onOff(env, 'KAFKA_INBOUND', true),
    inboundConcurrency: integer(env, 'KAFKA_INBOUND_CONCURRENCY', 16, 1, 256),
    // 6 s is the broker's default group.min.session.timeout.ms.
    inboundSessionTimeoutSeconds: integer(env, 'KAFKA_INBOUND_SESSION_TIMEOUT_SECONDS', 30, 6, 300),
  };
}

function corsOrigins(env: NodeJS.ProcessEnv): readonly string[] {
  const raw = env.CORS_ORIGINS?.trim();
  if (!raw) return [];
  return raw.split(',').map((origin) => {
    const trimmed = origin.trim();
    const parsed = URL.canParse(trimmed) ? new URL(trimmed) : undefined;
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== trimmed) {
      throw new InvalidConfiguration('CORS_ORIGINS', `must be origins like https://crm.example.com[,...], got "${trimmed}"`);
    }
    return trimmed;
  });
}

function operations(env: NodeJS.ProcessEnv): OperationsConfig {
  return {
    corsOrigins: corsOrigins(env),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 1_200, 0, 1_000_000),
    metricsPublic: onOff(env, 'METRICS_PUBLIC', false),
    shutdownTimeoutSeconds: integer(env, 'SHUTDOWN_TIMEOUT_SECONDS', 25, 1, 600),
  };
}

const ADMIN_API_KEY = /^llk_admin_[A-Za-z0-9_-]{32,256}$/;

function auth(env: NodeJS.ProcessEnv): AuthConfig {
  const adminApiKey = env.ADMIN_API_KEY || undefined;
  if (adminApiKey !== undefined && !ADMIN_API_KEY.test(adminApiKey)) {
    // The value itself is a secret: never repeat it in the message.
    throw new InvalidConfiguration(
      'ADMIN_API_KEY',
      'must be "llk_admin_" followed by 32 to 256 letters, digits, "-" or "_" ' +
        `(e.g. node -e "console.log('llk_admin_' + require('crypto').randomBytes(32).toString('base64url'))")`,
    );
  }
  const jwtVariables = ['JWT_ISSUER', 'JWT_AUDIENCE', 'JWT_JWKS_URL'] as const;
  const set = jwtVariables.filter((name) => env[name]);
  if (set.length === 0) return { adminApiKey, jwt: undefined };
  const missing = jwtVariables.find((name) => !env[name]);
  if (missing) throw new InvalidConfiguration(missing, `is required when ${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'} set`);
  const rolesClaim = env.JWT_ROLES_CLAIM || 'roles';
  if (!/^[\w:/.-]{1,200}$/.test(rolesClaim)) throw new InvalidConfiguration('JWT_ROLES_CLAIM', `must be a claim name, got "${rolesClaim}"`);
  return {
    adminApiKey,
    jwt: {
      issuer: env.JWT_ISSUER as string,
      audience: env.JWT_AUDIENCE as string,
      jwksUrl: url(env, 'JWT_JWKS_URL', ['https:', 'http:']) as string,
      rolesClaim,
    },
  };
}

function audit(env: NodeJS.ProcessEnv): AuditConfig {
  const signingKey = env.AUDIT_SIGNING_KEY || undefined;
  // A secret: never repeated in the message.
  if (signingKey !== undefined && Buffer.byteLength(signingKey) < 32)
    throw new InvalidConfiguration(
      'AUDIT_SIGNING_KEY',
      `must be at least 32 bytes (e.g. node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))")`,
    );
  return { signingKey, checkpointIntervalSeconds: integer(env, 'AUDIT_CHECKPOINT_INTERVAL_SECONDS', 3_600, 0, 604_800) };
}

function privacy(env: NodeJS.ProcessEnv): PrivacyConfig {
  const raw = env.PRIVACY_MASTER_KEY || undefined;
  if (raw === undefined) return { masterKey: undefined };
  const masterKey = Buffer.from(raw, 'base64');
  // A secret: never repeated in the message.
  if (masterKey.length !== 32 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw))
    throw new InvalidConfiguration(
      'PRIVACY_MASTER_KEY',
      `must be 32 bytes in base64 (e.g. node -e "console.log(require('crypto').randomBytes(32).toString('base64'))")`,
    );
  return { masterKey };
}

function eventStore(env: NodeJS.ProcessEnv): LedgerlineConfig['eventStore'] {
  const kind = env.EVENT_STORE || 'postgres';
  if (kind === 'postgres') return { kind };
  if (kind !== 'eventstoredb') throw new InvalidConfiguration('EVENT_STORE', `must be "postgres" or "eventstoredb", got "${kind}"`);
  const esdbUrl = url(env, 'EVENTSTOREDB_URL', ['esdb:', 'esdb+discover:', 'kurrentdb:', 'kdb:']);
  if (!esdbUrl) throw new InvalidConfiguration('EVENTSTOREDB_URL', 'is required when EVENT_STORE=eventstoredb');
  return { kind, url: esdbUrl };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): LedgerlineConfig {
  const logLevel = env.LOG_LEVEL || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new InvalidConfiguration('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    dataDir: resolve(env.DATA_DIR || './.data'),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    eventStore: eventStore(env),
    logLevel: logLevel as LedgerlineConfig['logLevel'],
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 20, 2, 500),
    commandRetries: integer(env, 'COMMAND_RETRIES', 10, 1, 50),
    runProjections: onOff(env, 'PROJECTIONS', true),
    segmentRefreshSeconds: integer(env, 'SEGMENT_REFRESH_SECONDS', 60, 1, 86_400),
    rfmRefreshSeconds: integer(env, 'RFM_REFRESH_SECONDS', 3_600, 1, 604_800),
    kafka: kafka(env),
    operations: operations(env),
    auth: auth(env),
    audit: audit(env),
    privacy: privacy(env),
  };
}
