import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Broker = Readonly<{ brokers: string; where: string; stop: () => Promise<void> }>;

/** Whether the bench can get a broker: KAFKA_BROKERS, or java and mvn on PATH for infra/kafka/broker.mjs. */
export const brokerAvailable = (): boolean =>
  Boolean(process.env.KAFKA_BROKERS) ||
  ['java', 'mvn'].every((command) => (process.env.PATH ?? '').split(':').some((dir) => dir !== '' && existsSync(join(dir, command))));

/** Runs infra/kafka/broker.mjs with the given arguments; resolves with its stdout. */
function brokerScript(script: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`node ${script} ${args[0]} failed (exit ${code}):\n${stderr}`)),
    );
  });
}

/**
 * KAFKA_BROKERS when set; otherwise a single-node KRaft broker of the bench's own, started the way the Kafka specs get
 * one (test/support/kafka-broker.ts): infra/kafka/broker.mjs with a state file of this process, a watchdog that
 * removes the broker if the bench dies without stopping it, data in a temp dir, everything removed on stop.
 */
export async function openBroker(root: string, log: (line: string) => void): Promise<Broker> {
  const configured = process.env.KAFKA_BROKERS;
  if (configured) return { brokers: configured, where: `the broker at KAFKA_BROKERS (${configured})`, stop: async () => undefined };
  const script = join(root, 'infra', 'kafka', 'broker.mjs');
  const state = join(tmpdir(), `ledgerline-kafka-bench-${process.pid}.json`);
  // Its stdin is a pipe nobody writes to: it closes when the bench is gone, however it ended.
  const watchdog = spawn(process.execPath, [script, 'watch', '--state', state], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  watchdog.unref();
  (watchdog.stdin as Socket | null)?.unref();
  const stop = async () => {
    await brokerScript(script, ['down', '--state', state]);
    watchdog.kill();
  };
  log('starting a Kafka broker (infra/kafka/broker.mjs up)');
  try {
    const output = await brokerScript(script, ['up', '--state', state, '--owner-pid', String(process.pid)]);
    const brokers = /^KAFKA_BROKERS=(\S+)$/m.exec(output)?.[1];
    if (!brokers) throw new Error(`infra/kafka/broker.mjs up printed no KAFKA_BROKERS line:\n${output}`);
    const version = /<kafka\.version>\s*([^<\s]+)/.exec(readFileSync(join(root, 'infra', 'kafka', 'pom.xml'), 'utf8'))?.[1];
    return {
      brokers,
      where: `Apache Kafka ${version ?? '?'}, single-node KRaft broker of infra/kafka (default JVM options), data in ${tmpdir()}`,
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
