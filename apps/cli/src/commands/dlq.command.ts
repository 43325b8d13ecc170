import type { INestApplicationContext } from '@nestjs/common';
import { DeciderRunner } from '@ledgerline/application';
import {
  deadLetterAddress,
  deadLetterDocument,
  deadLetterLine,
  DeadLetterRedrive,
  dlqTopicNamed,
  InboundHandler,
  inboundServices,
  kafkaClient,
  readDeadLetters,
  RedriveLog,
  redriveLine,
  type DeadLetterRecord,
} from '@ledgerline/integration';
import { LEDGERLINE_CONFIG, type LedgerlineConfig } from '@ledgerline/platform';
import { InvalidArgumentError, type Command } from 'commander';
import type { WithApp } from './with-app';

type Write = (line: string) => void;

const ADDRESS = /^\d+:\d+$/;

const address = (value: string): string => {
  if (!ADDRESS.test(value)) throw new InvalidArgumentError(`a dead letter is named partition:offset, such as 0:12; got "${value}"`);
  return value;
};

async function deadLetters(app: INestApplicationContext, topic: string): Promise<DeadLetterRecord[]> {
  const kafka = app.get<LedgerlineConfig>(LEDGERLINE_CONFIG).kafka;
  if (!kafka) throw new Error('KAFKA_BROKERS is not set: the dead-letter topics are on Kafka');
  // kafkajs warnings go to stderr; they name brokers and topics, never records.
  return readDeadLetters(
    kafkaClient(kafka.brokers, `${kafka.clientId}-cli`, (line) => process.stderr.write(`${line}\n`)),
    dlqTopicNamed(topic),
  );
}

const redriveLog = (app: INestApplicationContext) => new RedriveLog(app.get(DeciderRunner));

/** Exits non-zero once the command is done, so that scripts see what did not work. */
const failLater = () => (process.exitCode = 1);

export async function listDeadLetters(app: INestApplicationContext, topic: string, write: Write): Promise<void> {
  const records = await deadLetters(app, topic);
  const log = redriveLog(app);
  for (const record of records) write(deadLetterLine(record, await log.find(record)));
  write(`${records.length} dead letter(s) on ${dlqTopicNamed(topic)}`);
}

export async function showDeadLetter(app: INestApplicationContext, topic: string, at: string, write: Write): Promise<void> {
  const record = (await deadLetters(app, topic)).find((candidate) => deadLetterAddress(candidate) === at);
  if (!record) throw new Error(`${dlqTopicNamed(topic)} holds no record at ${at}`);
  write(deadLetterDocument(record, await redriveLog(app).find(record)));
}

export async function redriveDeadLetters(
  app: INestApplicationContext,
  topic: string,
  chosen: { all: boolean; addresses: readonly string[] },
  write: Write,
): Promise<void> {
  const records = await deadLetters(app, topic);
  const missing = chosen.addresses.filter((at) => !records.some((record) => deadLetterAddress(record) === at));
  for (const at of missing) write(`${at}: not on ${dlqTopicNamed(topic)}`);
  if (missing.length > 0) failLater();
  const selected = chosen.all ? records : records.filter((record) => chosen.addresses.includes(deadLetterAddress(record)));
  const redrive = new DeadLetterRedrive(new InboundHandler(inboundServices((token) => app.get(token))), redriveLog(app));
  const counts = new Map<string, number>();
  for (const record of selected) {
    const outcome = await redrive.redrive(record);
    write(redriveLine(record, outcome));
    counts.set(outcome.status, (counts.get(outcome.status) ?? 0) + 1);
    if (outcome.status === 'failed') failLater();
  }
  write(`${selected.length} redriven: ${[...counts].map(([status, count]) => `${count} ${status}`).join(', ') || 'none'}`);
}

/** `dlq list|show|redrive`: the dead letters of an inbound topic, and sending them back through the intake once fixed. */
export function registerDeadLetterCommands(program: Command, withApp: WithApp): void {
  const write: Write = (line) => console.log(line);
  const dlq = program.command('dlq').description('Dead letters of the inbound topics (docs/integration.md, "Dead letters")');
  dlq
    .command('list')
    .description('Every dead letter: where, when, why (type/code), which message, whether redriven; no record data')
    .argument('<topic>', 'an inbound topic or its DLQ: billing.invoice.v1 or billing.invoice.v1.dlq')
    .action((topic: string) => withApp((app) => listDeadLetters(app, topic, write)));
  dlq
    .command('show')
    .description('One dead letter in full: headers, key and value (personal data included: shown because you asked)')
    .argument('<topic>', 'an inbound topic or its DLQ')
    .argument('<partition:offset>', 'as `dlq list` shows it')
    .action((topic: string, at: string) => withApp((app) => showDeadLetter(app, topic, address(at), write)));
  dlq
    .command('redrive')
    .description('Apply dead letters through the intake now that their cause is fixed; each is applied once, a second redrive skips it')
    .argument('<topic>', 'an inbound topic or its DLQ')
    .argument('[partition:offset...]', 'the dead letters to redrive', (value: string, previous: string[] = []) => [
      ...previous,
      address(value),
    ])
    .option('--all', 'every dead letter of the topic not redriven yet')
    .action((topic: string, addresses: string[] | undefined, options: { all?: boolean }) => {
      if (!options.all && !addresses?.length) throw new InvalidArgumentError('name dead letters (partition:offset ...) or pass --all');
      if (options.all && addresses?.length) throw new InvalidArgumentError('either --all or dead letters by partition:offset, not both');
      return withApp((app) => redriveDeadLetters(app, topic, { all: options.all === true, addresses: addresses ?? [] }, write));
    });
}
