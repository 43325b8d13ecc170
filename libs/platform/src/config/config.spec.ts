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
    });
    expect(loadConfig({ KAFKA_BROKERS: 'k1:9092', KAFKA_INBOUND: 'off' }).kafka?.inbound).toBe(false);
  });

  it('hides credentials of a malformed URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres//user:secret@host' })).not.toThrow(/secret/);
  });
});
