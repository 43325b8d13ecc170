// Which protocol version kafkajs uses for each API against a running broker, and whether the broker accepts it.
// kafkajs uses min(its highest implemented version, the broker's max) and never checks the broker's min, so a
// broker that dropped old versions (Kafka 4.x, KIP-896) would fail exactly where "uses" < "broker min".
//   node infra/kafka/kafkajs-api-versions.cjs 127.0.0.1:<port>
// Reads kafkajs internals (src/...): a diagnostic for docs/adr/0004-kafka-test-broker.md, not a dependency.
const Broker = require('kafkajs/src/broker');
const { requests } = require('kafkajs/src/protocol/requests');
const apiKeys = require('kafkajs/src/protocol/requests/apiKeys');
const { Kafka, logLevel } = require('kafkajs');

async function main(brokers) {
  let versions;
  const apiVersions = Broker.prototype.apiVersions;
  Broker.prototype.apiVersions = async function (...args) {
    versions = await apiVersions.apply(this, args);
    return versions;
  };
  const admin = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.disconnect();

  let rejected = 0;
  for (const [name, key] of Object.entries(apiKeys)) {
    const implemented = requests[name]?.versions.map(Number) ?? [];
    if (implemented.length === 0) continue;
    const mine = Math.max(...implemented);
    const broker = versions[key];
    if (!broker) {
      console.log(`${name.padEnd(28)} kafkajs <= v${mine}  broker: not offered`);
      continue;
    }
    const used = Math.min(mine, broker.maxVersion);
    const ok = used >= broker.minVersion;
    if (!ok) rejected++;
    console.log(
      `${name.padEnd(28)} kafkajs <= v${String(mine).padEnd(3)} broker v${broker.minVersion}-v${broker.maxVersion}`.padEnd(62) +
        `uses v${used} ${ok ? 'ok' : 'REJECTED'}`,
    );
  }
  process.exitCode = rejected ? 1 : 0;
}

main(process.argv[2] ?? process.env.KAFKA_BROKERS ?? '').catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
