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
  };
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
  };
}
