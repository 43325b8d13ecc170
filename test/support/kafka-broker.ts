/**
 * A real Kafka broker for integration specs.
 *
 * - KAFKA_BROKERS set (e.g. `npm run kafka:up`, `docker compose up kafka`): that broker is used.
 * - Else, when java and mvn are on PATH: one single-node KRaft broker per Jest worker process, started
 *   on first use by infra/kafka/broker.mjs (jars from Maven Central, cached outside the repo) and reused
 *   by the following spec files of that worker. It is killed and its data removed when the worker exits,
 *   and a watchdog process does the same if the worker dies without running exit hooks (SIGKILL, Ctrl-C).
 * - Else the Kafka suites are skipped after one printed notice, or fail when LEDGERLINE_KAFKA_REQUIRED=1
 *   (CI sets it, so a missing broker can never turn into a green run).
 *
 * Suites decide synchronously whether they can run, then get the address in beforeAll:
 *
 *   (kafkaAvailable() ? describe : describe.skip)('...', () => {
 *     let brokers: string;
 *     beforeAll(async () => { brokers = await requireKafkaBrokers(); }, KAFKA_START_TIMEOUT_MS);
 *
 * Tests that stop and start the broker need one this worker owns (never a shared or external one):
 * ownedKafkaAvailable(), ownedKafkaBrokers(), stopBroker(), startBroker().
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import vm from 'node:vm';

/** Enough for a first fetch of the jars from Maven Central plus the broker's start. */
export const KAFKA_START_TIMEOUT_MS = 180_000;

const BROKER_SCRIPT = resolve(__dirname, '../../infra/kafka/broker.mjs');
const HOW_TO_GET_ONE =
  'Start one with `npm run kafka:up` (needs java 17+ and mvn; then export the KAFKA_BROKERS it prints) or ' +
  '`docker compose up -d kafka` (KAFKA_BROKERS=127.0.0.1:9092), or put java and mvn on PATH so the tests start one.';

/**
 * Jest gives every spec file its own `process` object and module registry; the worker's real process
 * outlives them. Per-worker state (the watchdog, the exit hook, the notices printed) lives on it.
 */
const realProcess = vm.runInThisContext('process') as NodeJS.Process;
interface WorkerKafka {
  statePath: string;
  watchdog?: ChildProcess;
  exitHook?: boolean;
  noticed: Set<string>;
}
const WORKER_KEY = Symbol.for('ledgerline.test.kafka-broker');
function worker(): WorkerKafka {
  const holder = realProcess as unknown as Record<symbol, WorkerKafka | undefined>;
  holder[WORKER_KEY] ??= { statePath: join(tmpdir(), `ledgerline-kafka-jest-${realProcess.pid}.json`), noticed: new Set() };
  return holder[WORKER_KEY];
}

/** True when this process can get a broker: KAFKA_BROKERS, or java + mvn to start one. Prints the notice otherwise. */
export function kafkaAvailable(): boolean {
  if (process.env.KAFKA_BROKERS) return true;
  if (canStartBroker()) return true;
  noBrokerNotice();
  return false;
}

/** True when this process can start (and so stop and restart) a broker of its own. Prints the notice otherwise. */
export function ownedKafkaAvailable(): boolean {
  if (canStartBroker()) return true;
  if (!process.env.KAFKA_BROKERS) {
    noBrokerNotice(); // the same reason as for every other Kafka suite: one notice
    return false;
  }
  notice(
    'no-owned-broker',
    'Kafka broker-restart suites skipped: they stop and start a broker of their own, which needs java 17+ and mvn on PATH ' +
      '(an external KAFKA_BROKERS broker is never restarted by tests).',
  );
  return false;
}

/** KAFKA_BROKERS, else this worker's own broker (started on first use), else undefined after the notice. */
export async function kafkaBrokers(): Promise<string | undefined> {
  if (process.env.KAFKA_BROKERS) return process.env.KAFKA_BROKERS;
  return ownedKafkaBrokers();
}

/** kafkaBrokers() for suites that already checked kafkaAvailable(). */
export async function requireKafkaBrokers(): Promise<string> {
  const brokers = await kafkaBrokers();
  if (!brokers) throw new Error(`no Kafka broker. ${HOW_TO_GET_ONE}`);
  return brokers;
}

/** This worker's own broker, started (or started again) if needed; ignores KAFKA_BROKERS. */
export async function ownedKafkaBrokers(): Promise<string | undefined> {
  if (!ownedKafkaAvailable()) return undefined;
  const state = worker();
  guardWorkerExit(state);
  const output = await runBrokerScript(['up', '--state', state.statePath, '--owner-pid', String(realProcess.pid)]);
  const brokers = /^KAFKA_BROKERS=(\S+)$/m.exec(output)?.[1];
  if (!brokers) throw new Error(`infra/kafka/broker.mjs up printed no KAFKA_BROKERS line:\n${output}`);
  return brokers;
}

/** Stops this worker's broker (SIGTERM, bounded wait), keeping its data and ports for startBroker(). */
export async function stopBroker(): Promise<void> {
  await runBrokerScript(['stop', '--state', worker().statePath]);
}

/** Starts this worker's stopped broker again: same data directory, same address. Resolves when it answers. */
export async function startBroker(): Promise<void> {
  await runBrokerScript(['start', '--state', worker().statePath, '--owner-pid', String(realProcess.pid)]);
}

function canStartBroker(): boolean {
  return onPath('java') && onPath('mvn');
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => {
    try {
      return dir !== '' && statSync(join(dir, command)).isFile();
    } catch {
      return false;
    }
  });
}

function noBrokerNotice(): void {
  notice('no-broker', `Kafka suites skipped: KAFKA_BROKERS is not set and java or mvn is not on PATH. ${HOW_TO_GET_ONE}`);
}

/** Printed once per worker process; with LEDGERLINE_KAFKA_REQUIRED=1 (CI) it fails the suite instead. */
function notice(key: string, message: string): void {
  if (process.env.LEDGERLINE_KAFKA_REQUIRED === '1') throw new Error(`LEDGERLINE_KAFKA_REQUIRED=1, but: ${message}`);
  const { noticed } = worker();
  if (noticed.has(key)) return;
  noticed.add(key);
  process.stderr.write(`\n[kafka] ${message}\n\n`);
}

/** Registered once per worker: the exit hook (normal exits) and the watchdog (every other way to die). */
function guardWorkerExit(state: WorkerKafka): void {
  if (!state.exitHook) {
    state.exitHook = true;
    realProcess.once('exit', () => {
      spawnSync(realProcess.execPath, [BROKER_SCRIPT, 'down', '--now', '--state', state.statePath], { stdio: 'ignore', timeout: 20_000 });
    });
  }
  if (!state.watchdog) {
    // Its stdin is a pipe this worker never writes to: it closes when the worker is gone, however it died.
    const watchdog = spawn(realProcess.execPath, [BROKER_SCRIPT, 'watch', '--state', state.statePath], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    watchdog.unref();
    (watchdog.stdin as Socket | null)?.unref(); // the pipe must not keep the worker alive
    state.watchdog = watchdog;
  }
}

function runBrokerScript(args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(realProcess.execPath, [BROKER_SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolvePromise(stdout);
      else reject(new Error(`node infra/kafka/broker.mjs ${args[0]} failed (${signal ?? `exit ${code}`}):\n${stderr}${stdout}`));
    });
  });
}
