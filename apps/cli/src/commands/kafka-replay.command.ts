import type { INestApplicationContext } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledgerline/event-store';
import { kafkaClient, relayProducer, replayLog } from '@ledgerline/integration';
import { LEDGERLINE_CONFIG, type LedgerlineConfig } from '@ledgerline/platform';
import { progressLine, terminalProgress } from '../progress/progress-bar';
import { interruptible } from './interruptible';
import { InvalidReplayArguments, type ReplayRequest } from './kafka-replay.arguments';

/** Events per read of the log and per produce request, as the relay's batches. */
const PAGE_SIZE = 1_000;

/**
 * Publishes a range of the log to a topic again (docs/integration.md, "Replay"), with a progress bar on the terminal
 * (stderr); returns the summary line. Ctrl-C stops it after the page being sent.
 */
export async function replayToKafka(app: INestApplicationContext, request: ReplayRequest, terminal: NodeJS.WriteStream): Promise<string> {
  const kafka = app.get<LedgerlineConfig>(LEDGERLINE_CONFIG).kafka;
  if (!kafka) throw new InvalidReplayArguments('KAFKA_BROKERS is not set: there is no broker to replay to');
  const log = (message: string) => terminal.write(`\n${message}\n`);
  const client = kafkaClient(kafka.brokers, kafka.clientId, log);
  const admin = client.admin();
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    if (!existing.includes(request.topic)) throw new InvalidReplayArguments(`--topic: ${request.topic} does not exist on the broker yet`);
  } finally {
    await admin.disconnect();
  }
  const producer = relayProducer(client);
  await producer.connect();
  const progress = terminalProgress(terminal);
  try {
    const started = Date.now();
    const summary = await interruptible((stopping) =>
      replayLog(app.get<EventStore>(EVENT_STORE), producer, {
        ...request,
        pageSize: PAGE_SIZE,
        stopping,
        onProgress: (state) => progress.draw(progressLine(`replay ${request.topic}`, state)),
        log,
      }),
    );
    progress.end();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const positions = summary.first === undefined ? 'none in the range' : `positions ${summary.first}..${summary.last}`;
    const outcome = summary.complete ? 'Replayed' : 'Stopped (Ctrl-C) after replaying';
    return `${outcome} ${summary.published} messages to ${request.topic} (${positions}) from ${summary.read} events read in ${seconds} s.`;
  } finally {
    await producer.disconnect();
  }
}
