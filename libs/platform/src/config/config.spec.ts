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
    [{ PROJECTIONS: 'yes' }, 'PROJECTIONS'],
  ])('names the bad variable in %j', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(InvalidConfiguration);
    expect(() => loadConfig(env)).toThrow(variable);
  });

  it('hides credentials of a malformed URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres//user:secret@host' })).not.toThrow(/secret/);
  });
});
