#!/usr/bin/env node
// A real Apache Kafka broker for Ledgerline's tests and development, without Docker: the broker jars
// come from Maven Central (infra/kafka/pom.xml) into a cache outside the repository, and a single-node
// KRaft broker (broker + controller in one JVM) runs on 127.0.0.1 with its data in a temp directory.
// Plain Node ESM, no npm packages: it must run with bare `node`. Why this Kafka version:
// docs/adr/0004-kafka-test-broker.md.
//
//   node infra/kafka/broker.mjs fetch           jars into the cache (skipped when already complete)
//   node infra/kafka/broker.mjs up              format + start, wait until it answers, print KAFKA_BROKERS=...
//   node infra/kafka/broker.mjs down            stop (SIGTERM, bounded wait, SIGKILL) and delete everything
//   node infra/kafka/broker.mjs stop | start    stop / start the same broker again (same data, same ports)
//   node infra/kafka/broker.mjs status          the state as JSON, with "running"
//   node infra/kafka/broker.mjs watch           (internal) kill the broker when stdin closes: owner is gone
//
// Options: --state FILE (default: env LEDGERLINE_KAFKA_STATE or <tmp>/ledgerline-kafka.json); --now (down
// without waiting for a clean shutdown); --owner-pid PID (up/start: give up and clean up if that process
// disappears while the broker starts; the test helper passes its own pid).
// Environment: LEDGERLINE_KAFKA_CACHE (jar cache directory), LEDGERLINE_KAFKA_POM (another pom, e.g. to
// check another Kafka version), LEDGERLINE_KAFKA_TMP (parent of the data directory),
// LEDGERLINE_KAFKA_JAVA_OPTS (replaces the JVM sizing options), LEDGERLINE_KAFKA_READY_TIMEOUT_MS (90000).
// Only KAFKA_BROKERS=<host:port> goes to stdout; progress and errors go to stderr.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const READY_LINE = 'Kafka Server started';
const DEFAULT_JAVA_OPTS = [
  // Sized for tests on a small machine shared with PostgreSQL and Jest.
  '-Xms256m',
  '-Xmx512m',
  '-XX:+UseG1GC',
  '-XX:MaxGCPauseMillis=20',
  '-XX:ParallelGCThreads=1',
  '-XX:ConcGCThreads=1',
  '-XX:+ExitOnOutOfMemoryError',
  '-Djava.awt.headless=true',
];

const log = (message) => process.stderr.write(`[kafka] ${message}\n`);
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

export const defaultStatePath = () => resolve(process.env.LEDGERLINE_KAFKA_STATE ?? join(tmpdir(), 'ledgerline-kafka.json'));

/** The pom, the Kafka version it pins and the jar cache for that version. */
export function layout() {
  const pom = resolve(process.env.LEDGERLINE_KAFKA_POM ?? join(here, 'pom.xml'));
  const version = /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(readFileSync(pom, 'utf8'))?.[1];
  if (!version) throw new Error(`${pom} declares no <kafka.version> property`);
  const cache = resolve(process.env.LEDGERLINE_KAFKA_CACHE ?? join(homedir(), '.cache', 'ledgerline', `kafka-${version}`));
  return { pom, version, cache, libs: join(cache, 'libs'), marker: join(cache, 'complete') };
}

// ---------------------------------------------------------------------------------------------- fetch

/**
 * Copies the broker's runtime jars into <cache>/libs unless a complete copy for this exact pom is there.
 * Maven writes into a staging directory that is renamed into place, and the marker (the pom's hash) is
 * written last, so an interrupted or concurrent fetch never leaves a half-filled libs directory in use.
 */
export function fetchJars() {
  const { pom, version, cache, libs, marker } = layout();
  const fingerprint = createHash('sha256').update(readFileSync(pom)).digest('hex');
  const complete = () => existsSync(libs) && existsSync(marker) && readFileSync(marker, 'utf8').trim() === fingerprint;
  if (complete()) return { version, libs, fetched: false };

  if (!commandExists('mvn')) throw new Error('mvn is not on PATH: it is needed once to fetch the Kafka jars from Maven Central');
  mkdirSync(cache, { recursive: true });
  const staging = mkdtempSync(join(cache, 'libs-staging-'));
  log(`fetching Kafka ${version} jars from Maven Central into ${cache}`);
  const started = Date.now();
  const args = [
    '-q',
    '-B',
    '-Dstyle.color=never',
    '-f',
    pom,
    'dependency:copy-dependencies',
    `-DoutputDirectory=${staging}`,
    '-DincludeScope=runtime',
  ];
  const mvn = spawnSync('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  // Maven 3.8 writes colour resets even in batch mode; keep the text only.
  const output = `${mvn.stdout ?? ''}${mvn.stderr ?? ''}`.replace(/\x1b\[[0-9;]*m/g, '').trim();
  if (mvn.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`mvn ${args.join(' ')} failed (exit ${mvn.status ?? mvn.signal ?? mvn.error?.message}):\n${output}`);
  }
  if (output) process.stderr.write(`${output}\n`);
  if (!readdirSync(staging).some((name) => name.startsWith('kafka_2.13-'))) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`mvn copied no kafka_2.13 jar into ${staging}`);
  }
  if (complete()) {
    rmSync(staging, { recursive: true, force: true }); // another process finished first
  } else {
    rmSync(marker, { force: true });
    rmSync(libs, { recursive: true, force: true }); // never mix jars of two versions on one classpath
    renameSync(staging, libs);
    writeFileSync(`${marker}.tmp`, `${fingerprint}\n`);
    renameSync(`${marker}.tmp`, marker);
  }
  log(`fetched ${readdirSync(libs).length} jars in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { version, libs, fetched: true };
}

// ---------------------------------------------------------------------------------------------- state

export function readState(statePath = defaultStatePath()) {
  try {
    return JSON.parse(readFileSync(statePath, 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT') return undefined;
    throw new Error(`cannot read ${statePath}: ${error.message}`);
  }
}

function writeState(statePath, state) {
  writeFileSync(`${statePath}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${statePath}.tmp`, statePath);
}

/** True when pid is a live (not zombie) process whose command line is this broker's JVM. */
export function isRunning(state) {
  if (!state?.pid) return false;
  try {
    process.kill(state.pid, 0);
  } catch (error) {
    if (error.code !== 'EPERM') return false;
  }
  if (existsSync('/proc')) {
    try {
      const stat = readFileSync(`/proc/${state.pid}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
      return readFileSync(`/proc/${state.pid}/cmdline`, 'utf8').includes(`-Dledgerline.kafka=${state.dir}`);
    } catch {
      return false;
    }
  }
  const ps = spawnSync('ps', ['-o', 'stat=,command=', '-p', String(state.pid)], { encoding: 'utf8' });
  return ps.status === 0 && !ps.stdout.trim().startsWith('Z') && ps.stdout.includes(`-Dledgerline.kafka=${state.dir}`);
}

// --------------------------------------------------------------------------------------------- config

function kafkaMajor(libs) {
  const jar = readdirSync(libs).find((name) => /^kafka_2\.13-\d/.test(name));
  return Number(/^kafka_2\.13-(\d+)/.exec(jar ?? '')?.[1] ?? 0);
}

function serverProperties({ dir, port, controllerPort, major }) {
  const lines = [
    '# Written by infra/kafka/broker.mjs: a single-node KRaft broker for tests and development.',
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${join(dir, 'data')}`,
    'num.partitions=3',
    'auto.create.topics.enable=false',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=1',
    'group.initial.rebalance.delay.ms=0',
    '# Few threads and small buffers: the machine is shared with PostgreSQL and Jest.',
    'num.network.threads=2',
    'num.io.threads=2',
    'background.threads=2',
    'num.recovery.threads.per.data.dir=1',
    'log.cleaner.threads=1',
    'log.cleaner.dedupe.buffer.size=16777216',
  ];
  if (major >= 4) {
    lines.push(
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      'share.coordinator.state.topic.num.partitions=1',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Both backends' configs are written; the one on the classpath (reload4j for 3.x, log4j2 for 4.x) reads its own. */
function writeLoggingConfigs(dir) {
  const quiet = ['kafka.request.logger', 'state.change.logger', 'kafka.log.LogCleaner', 'org.apache.kafka.storage.internals.log'];
  writeFileSync(
    join(dir, 'log4j.properties'),
    [
      'log4j.rootLogger=INFO, out',
      'log4j.appender.out=org.apache.log4j.ConsoleAppender',
      'log4j.appender.out.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.out.layout.ConversionPattern=[%d] %p %m (%c)%n',
      ...quiet.map((name) => `log4j.logger.${name}=WARN`),
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'log4j2.properties'),
    [
      'status = warn',
      'appender.out.type = Console',
      'appender.out.name = out',
      'appender.out.target = SYSTEM_OUT',
      'appender.out.layout.type = PatternLayout',
      'appender.out.layout.pattern = [%d] %p %m (%c)%n',
      'rootLogger.level = info',
      'rootLogger.appenderRef.out.ref = out',
      ...quiet.flatMap((name, i) => [`logger.q${i}.name = ${name}`, `logger.q${i}.level = warn`]),
      '',
    ].join('\n'),
  );
  // Tools (StorageTool) log warnings to stderr only, so their stdout stays clean.
  writeFileSync(
    join(dir, 'tools-log4j.properties'),
    [
      'log4j.rootLogger=WARN, err',
      'log4j.appender.err=org.apache.log4j.ConsoleAppender',
      'log4j.appender.err.Target=System.err',
      'log4j.appender.err.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.err.layout.ConversionPattern=[%d] %p %m (%c)%n',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'tools-log4j2.properties'),
    [
      'status = warn',
      'appender.err.type = Console',
      'appender.err.name = err',
      'appender.err.target = SYSTEM_ERR',
      'appender.err.layout.type = PatternLayout',
      'appender.err.layout.pattern = [%d] %p %m (%c)%n',
      'rootLogger.level = warn',
      'rootLogger.appenderRef.err.ref = err',
      '',
    ].join('\n'),
  );
}

/** A cluster id as Kafka's Uuid.randomUuid() makes it (base64url of 16 random bytes), without starting a JVM. */
function clusterId() {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** Two distinct free ports on 127.0.0.1 (held open together, then released). */
async function freePorts(count) {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise((done, fail) => {
          const server = createServer();
          server.once('error', fail);
          server.listen(0, '127.0.0.1', () => done(server));
        }),
    ),
  );
  const ports = servers.map((server) => server.address().port);
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  return ports;
}

// ------------------------------------------------------------------------------------------ lifecycle

/** Fetches if needed, formats a fresh data directory, starts the broker and waits until it answers. */
export async function up(statePath = defaultStatePath(), { ownerPid } = {}) {
  const existing = readState(statePath);
  if (existing) {
    if (isRunning(existing)) {
      log(`already running (pid ${existing.pid}, ${existing.dir})`);
      return existing;
    }
    if (existsSync(join(existing.dir, 'server.properties')) && existsSync(existing.libs ?? '')) return start(statePath, { ownerPid });
    rmSync(existing.dir, { recursive: true, force: true });
    rmSync(statePath, { force: true });
  }

  const { version, libs } = fetchJars();
  const major = kafkaMajor(libs);
  const dir = mkdtempSync(join(resolve(process.env.LEDGERLINE_KAFKA_TMP ?? tmpdir()), 'ledgerline-kafka-'));
  const [port, controllerPort] = await freePorts(2);
  const state = {
    brokers: `127.0.0.1:${port}`,
    port,
    controllerPort,
    version,
    libs,
    dir,
    config: join(dir, 'server.properties'),
    log: join(dir, 'broker.log'),
    pid: null,
  };
  // The state is written before anything runs, so `down` can always clean up what this call leaves.
  writeState(statePath, state);
  try {
    writeFileSync(state.config, serverProperties({ dir, port, controllerPort, major }));
    writeLoggingConfigs(dir);
    format(state);
    return await start(statePath, { ownerPid });
  } catch (error) {
    await down(statePath, { now: true }); // a fresh broker that never came up leaves nothing behind
    throw error;
  }
}

/** Formats the data directory (KRaft needs meta.properties before the first start). */
function format(state) {
  const { dir, libs } = state;
  const result = spawnSync(
    'java',
    [
      '-Xmx256m',
      '-XX:TieredStopAtLevel=1',
      `-Dlog4j.configuration=file:${join(dir, 'tools-log4j.properties')}`,
      `-Dlog4j2.configurationFile=${join(dir, 'tools-log4j2.properties')}`,
      '-cp',
      join(libs, '*'),
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId(),
      '-c',
      state.config,
      '--ignore-formatted',
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    const reason = result.status ?? result.signal ?? result.error?.message;
    throw new Error(`formatting the data directory failed (${reason}):\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  }
}

/**
 * Starts the broker of an existing state again: same data directory, same ports. With ownerPid (a test
 * process that owns the broker), gives up and cleans up if that process disappears while waiting.
 */
export async function start(statePath = defaultStatePath(), { ownerPid } = {}) {
  const state = readState(statePath);
  if (!state) throw new Error(`no broker state at ${statePath}: run "up" first`);
  if (isRunning(state)) return state;

  const javaOpts = process.env.LEDGERLINE_KAFKA_JAVA_OPTS?.split(/\s+/).filter(Boolean) ?? DEFAULT_JAVA_OPTS;
  const logFrom = existsSync(state.log) ? statSync(state.log).size : 0;
  const out = openSync(state.log, 'a');
  const started = Date.now();
  const child = spawn(
    'java',
    [
      ...javaOpts,
      `-Dledgerline.kafka=${state.dir}`, // marks the process as ours (isRunning checks it before any kill)
      `-Dlog4j.configuration=file:${join(state.dir, 'log4j.properties')}`,
      `-Dlog4j2.configurationFile=${join(state.dir, 'log4j2.properties')}`,
      `-Dkafka.logs.dir=${join(state.dir, 'logs')}`,
      '-cp',
      join(state.libs, '*'),
      'kafka.Kafka',
      state.config,
    ],
    // detached: its own session and process group, so Ctrl-C in a terminal or a dying parent does not
    // take it down half-way; `down` signals the whole group.
    { detached: true, stdio: ['ignore', out, out] },
  );
  closeSync(out);
  let exited = null;
  child.once('exit', (code, signal) => (exited = signal ?? `exit ${code}`));
  child.once('error', (error) => (exited = error.message));
  child.unref();
  writeState(statePath, { ...state, pid: child.pid });

  const timeoutMs = Number(process.env.LEDGERLINE_KAFKA_READY_TIMEOUT_MS ?? 90_000);
  for (;;) {
    if (exited) break;
    if (ownerPid && !pidAlive(ownerPid)) {
      await down(statePath, { now: true });
      throw new Error(`owner process ${ownerPid} is gone: broker removed`);
    }
    if (logSince(state.log, logFrom).includes(READY_LINE) && (await answers(state.port))) {
      log(`Kafka ${state.version} ready on ${state.brokers} in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${child.pid})`);
      return { ...state, pid: child.pid };
    }
    if (Date.now() - started > timeoutMs) break;
    await sleep(200);
  }
  const tail = logSince(state.log, logFrom).split('\n').slice(-40).join('\n');
  if (!exited) killGroup(child.pid, 'SIGKILL');
  writeState(statePath, { ...state, pid: null });
  throw new Error(
    `the broker did not become ready (${exited ?? `no "${READY_LINE}" within ${timeoutMs} ms`}); last lines of ${state.log}:\n${tail}`,
  );
}

/** Stops the broker and keeps its data directory and ports for `start`. */
export async function stop(statePath = defaultStatePath(), { now = false, timeoutMs = 30_000 } = {}) {
  const state = readState(statePath);
  if (!state) return undefined;
  if (isRunning(state)) {
    const pid = state.pid;
    const started = Date.now();
    killGroup(pid, now ? 'SIGKILL' : 'SIGTERM');
    while (isRunning(state) && Date.now() - started < timeoutMs) await sleep(100);
    if (isRunning(state)) {
      log(`pid ${pid} ignored SIGTERM for ${timeoutMs} ms: SIGKILL`);
      killGroup(pid, 'SIGKILL');
      while (isRunning(state) && Date.now() - started < timeoutMs + 10_000) await sleep(100);
    }
    log(`stopped pid ${pid} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const stopped = { ...state, pid: null };
  if (existsSync(statePath)) writeState(statePath, stopped);
  return stopped;
}

/** Stops the broker and removes its data directory and the state file. */
export async function down(statePath = defaultStatePath(), options = {}) {
  const state = await stop(statePath, options);
  if (!state) return false;
  if (state.dir?.includes('ledgerline-kafka-')) rmSync(state.dir, { recursive: true, force: true });
  rmSync(statePath, { force: true });
  return true;
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

function logSince(file, offset) {
  try {
    const fd = openSync(file, 'r');
    try {
      const size = statSync(file).size;
      const buffer = Buffer.alloc(Math.max(0, size - offset));
      readSync(fd, buffer, 0, buffer.length, offset);
      return buffer.toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
}

function answers(port) {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    const finish = (ok) => {
      socket.destroy();
      done(ok);
    };
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
    socket.once('timeout', () => finish(false));
  });
}

export function commandExists(command) {
  return (process.env.PATH ?? '').split(':').some((dir) => {
    try {
      return dir !== '' && statSync(join(dir, command)).isFile();
    } catch {
      return false;
    }
  });
}

/**
 * Watchdog for brokers owned by a test process: that process spawns `watch` with a pipe as stdin and
 * never writes to it. When the owner exits, however it exits (normal end, crash, SIGKILL, Ctrl-C), the
 * pipe closes and the broker is killed and its data removed at once.
 */
async function watch(statePath) {
  process.on('SIGINT', () => {}); // a terminal's Ctrl-C must not end the watchdog before the owner
  process.on('SIGTERM', () => {});
  process.stdin.resume();
  await new Promise((done) => {
    process.stdin.once('end', done);
    process.stdin.once('error', done);
    process.stdin.once('close', done);
  });
  await down(statePath, { now: true });
}

// ------------------------------------------------------------------------------------------------ CLI

async function main(argv) {
  const [command, ...rest] = argv;
  const option = (name) => {
    const at = rest.indexOf(name);
    return at >= 0 ? rest[at + 1] : undefined;
  };
  const statePath = resolve(option('--state') ?? defaultStatePath());
  const ownerPid = option('--owner-pid') ? Number(option('--owner-pid')) : undefined;
  switch (command) {
    case 'fetch': {
      const { libs, fetched } = fetchJars();
      if (!fetched) log(`jars already in ${libs}`);
      return;
    }
    case 'up':
    case 'start': {
      const state = command === 'up' ? await up(statePath, { ownerPid }) : await start(statePath, { ownerPid });
      process.stdout.write(`KAFKA_BROKERS=${state.brokers}\n`);
      return;
    }
    case 'stop':
      if (!(await stop(statePath))) log(`no broker state at ${statePath}`);
      return;
    case 'down':
      if (!(await down(statePath, { now: rest.includes('--now') }))) log(`no broker state at ${statePath}`);
      return;
    case 'status': {
      const state = readState(statePath);
      process.stdout.write(`${JSON.stringify(state ? { ...state, running: isRunning(state) } : null, null, 2)}\n`);
      return;
    }
    case 'watch':
      return watch(statePath);
    default:
      process.stderr.write(`usage: node infra/kafka/broker.mjs <fetch|up|down|stop|start|status> [--state FILE] [--now]\n`);
      process.exitCode = 2;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    log(error.message);
    process.exitCode = 1;
  });
}
