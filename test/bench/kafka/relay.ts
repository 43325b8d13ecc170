import { PostgresEventStore, type GlobalPosition } from '@ledgerline/event-store';
import {
  integrationMessages,
  KafkaRelay,
  kafkaClient,
  produceRequest,
  PUBLIC_TOPICS,
  relayProducer,
  type RelayOptions,
} from '@ledgerline/integration';
import { openReadModelDatabase, projectedEvents, ProjectionRunner, type Projection } from '@ledgerline/projections';
import type { Admin, Kafka, TopicMessages } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'pg';
import { EVENTS_PER_CUSTOMER, loadDemoData, type Load } from '../read-side/dataset';
import { markdownTable, type Fact } from '../report';
import { createDatabase } from '../server';
import type { KafkaBench } from './kafka-bench';

const RELAY_EVENTS = 200_000;
/** Runs of the relay (each between two of the baseline), reported by their median ratio. */
const ROUNDS = 3;
/** The runners' batch size in the API and the worker (ProjectionSupervisor, libs/projections/src/projections.module.ts). */
const BATCH_SIZE = 500;
/** As KAFKA_TOPIC_PARTITIONS and KAFKA_REPLICATION_FACTOR by default. */
export const TOPIC_SETTINGS = { partitions: 3, replicationFactor: 1 } as const;

const loaded = (load: Load) => `${load.events} events appended in ${load.seconds.toFixed(1)} s`;

/** The relay's messages of one runner batch, as one produce request (per topic, in order), serialized. */
type Batch = TopicMessages[];

type Messages = Readonly<{ batches: Batch[]; events: number; messages: number; bytes: number; head: GlobalPosition; readSeconds: number }>;

type Run = Readonly<{ label: string; seconds: number }>;

/** One round: the baseline, the relay from position 0, the baseline again; x baseline = the mean baseline / the relay. */
type Round = Readonly<{ before: Run; relayed: Run & { batches: number; handlerSeconds: number }; after: Run; ratio: number }>;

/**
 * What the relay publishes, cut as its runner cuts $all (BATCH_SIZE events per read and per batch): keys, values and
 * headers exactly as the relay sends them (produceRequest, libs/integration/src/relay/publish.ts). Also times the reads of $all.
 */
async function relayMessages(store: PostgresEventStore, relay: KafkaRelay): Promise<Messages> {
  const batches: Batch[] = [];
  let [events, messages, bytes, readSeconds] = [0, 0, 0, 0];
  let head: GlobalPosition | undefined;
  for (;;) {
    const started = performance.now();
    const read = await store.readAll({ after: head, limit: BATCH_SIZE });
    readSeconds += (performance.now() - started) / 1000;
    if (read.length === 0) break;
    const request = produceRequest(projectedEvents(relay, read).flatMap(integrationMessages));
    for (const { value } of request.flatMap((topic) => topic.messages)) {
      [messages, bytes] = [messages + 1, bytes + Buffer.byteLength(value as string)];
    }
    if (request.length > 0) batches.push(request);
    events += read.length;
    head = read[read.length - 1].position;
  }
  if (head === undefined) throw new Error('the relay bench loaded no events');
  return { batches, events, messages, bytes, head, readSeconds };
}

/** Messages in the relay's topics, by their offsets. */
async function published(admin: Admin): Promise<number> {
  const offsets = await Promise.all(PUBLIC_TOPICS.map((topic) => admin.fetchTopicOffsets(topic)));
  return offsets.flat().reduce((sum, { high }) => sum + Number(high), 0);
}

/**
 * The baseline: a bare kafkajs producer with the relay's settings (relayProducer: idempotent, one request in flight,
 * acks=-1) sending the prepared batches in turn to topics of its own, named after the relay's with a suffix and with
 * the same partitions.
 */
async function sendBaseline(kafka: Kafka, bench: KafkaBench, batches: readonly Batch[], label: string): Promise<Run> {
  const renamed = (topic: string) => `${topic}.bench-${bench.runId}-${label}`;
  const topics = [...new Set(batches.flatMap((batch) => batch.map(({ topic }) => topic)))];
  await bench.createTopicsLike(topics.map((topic) => ({ topic: renamed(topic), like: topic })));
  const producer = relayProducer(kafka);
  await producer.connect();
  try {
    const started = performance.now();
    for (const batch of batches) {
      await producer.sendBatch({ topicMessages: batch.map(({ topic, messages }) => ({ topic: renamed(topic), messages })), acks: -1 });
    }
    return { label: `baseline (${label})`, seconds: (performance.now() - started) / 1000 };
  } finally {
    await producer.disconnect();
  }
}

/**
 * The real relay from position 0: KafkaRelay built as KafkaRelayModule builds it, driven by the real ProjectionRunner
 * (catch-up subscription on $all reading a page ahead, the checkpoint moved after each acknowledged batch), timed from the runner's
 * start until its position is the head of $all. Also times its handler (the acknowledged send; prepare maps a batch ahead).
 */
async function runRelay(
  url: string,
  store: PostgresEventStore,
  relay: KafkaRelay,
  head: GlobalPosition,
  round: number,
  log: (line: string) => void,
): Promise<Run & { batches: number; handlerSeconds: number }> {
  let [batches, handlerSeconds] = [0, 0];
  // A checkpoint of its own per round: every round publishes the whole log from position 0.
  const timed: Projection = {
    name: `${relay.name}-round-${round}`,
    version: relay.version,
    eventTypes: relay.eventTypes,
    tables: relay.tables,
    prepare: (events) => relay.prepare(events),
    handle: async (events) => {
      const started = performance.now();
      await relay.handle(events);
      [batches, handlerSeconds] = [batches + 1, handlerSeconds + (performance.now() - started) / 1000];
    },
  };
  const dataSource = await openReadModelDatabase(url, 20);
  const runner = new ProjectionRunner(timed, store, dataSource, {
    batchSize: BATCH_SIZE,
    standbyRetryMs: 5_000,
    rebuildCheckMs: 2_000,
    log,
  });
  try {
    const started = performance.now();
    await runner.start();
    for (let status = runner.status(); status.position !== head; status = runner.status()) {
      if (status.state === 'failed') throw new Error(`the relay failed: ${status.error}`);
      await sleep(2);
    }
    return { label: 'relay', seconds: (performance.now() - started) / 1000, batches, handlerSeconds };
  } finally {
    await runner.stop();
    await dataSource.destroy();
  }
}

/**
 * The relay scenario on a fresh database: the demo plan loaded (scale × 200k events), the relay's messages read from
 * the store, then ROUNDS times: the baseline, the relay, the baseline again. Returns the Markdown block.
 */
export async function relayScenario(bench: KafkaBench, scale: number, log: (line: string) => void): Promise<string> {
  const database = await createDatabase(bench.serverUrl, 'relay');
  const pool = new Pool({ connectionString: database.url, max: 20 });
  try {
    const [target, end] = [Math.round(RELAY_EVENTS * scale), new Date()];
    log(`relay: loading at least ${target} events of demo data`);
    // EVENTS_PER_CUSTOMER is an estimate: more customers until the log holds the target.
    let [customers, load] = [0, { events: 0, appends: 0, seconds: 0, planSeconds: 0 } as Load];
    while (load.events < target) {
      const more = Math.max(10, Math.ceil((target - load.events) / EVENTS_PER_CUSTOMER));
      const next = await loadDemoData(database.url, customers, more, end, log);
      customers += more;
      load = {
        events: load.events + next.events,
        appends: load.appends + next.appends,
        seconds: load.seconds + next.seconds,
        planSeconds: load.planSeconds + next.planSeconds,
      };
    }
    log(`  ${loaded(load)}`);
    const store = await PostgresEventStore.open(pool);
    const kafka = kafkaClient([bench.brokers], 'ledgerline', log);
    const admin = kafka.admin();
    const options: RelayOptions = { ...TOPIC_SETTINGS, log };
    const producer = relayProducer(kafka);
    const relay = new KafkaRelay(producer, options);
    try {
      await admin.connect();
      await KafkaRelay.createTopics(admin, options);
      const prepared = await relayMessages(store, relay);
      log(`  ${prepared.events} events → ${prepared.messages} messages in ${prepared.batches.length} batches`);
      await producer.connect();
      const rounds: Round[] = [];
      for (let round = 1; round <= ROUNDS; round += 1) {
        const before = await sendBaseline(kafka, bench, prepared.batches, `before-${round}`);
        const published0 = await published(admin);
        const relayed = await runRelay(database.url, store, relay, prepared.head, round, log);
        const sent = (await published(admin)) - published0;
        if (sent < prepared.messages) throw new Error(`the relay published ${sent} messages, expected ${prepared.messages}`);
        const after = await sendBaseline(kafka, bench, prepared.batches, `after-${round}`);
        const ratio = (before.seconds + after.seconds) / 2 / relayed.seconds;
        rounds.push({ before, relayed, after, ratio });
        log(
          `  round ${round}/${ROUNDS}: baseline ${before.seconds.toFixed(1)} s and ${after.seconds.toFixed(1)} s, ` +
            `relay ${relayed.seconds.toFixed(1)} s (${relayed.handlerSeconds.toFixed(1)} s in its handler), x${ratio.toFixed(2)}`,
        );
      }
      const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
      const typical = rounds.find((round) => round.ratio === median(rounds.map(({ ratio }) => ratio))) as Round;
      const facts: Fact[] = [
        ['scale', String(scale)],
        ['broker', bench.where],
        ['data', `demo plan of ${customers} customers: ${loaded(load)}`],
        [
          'messages',
          `${prepared.events} events → ${prepared.messages} messages (${Math.round(prepared.bytes / prepared.messages)} bytes of value on average), ` +
            `${prepared.batches.length} batches of up to ${BATCH_SIZE} events; topics of ${TOPIC_SETTINGS.partitions} partitions, replication ${TOPIC_SETTINGS.replicationFactor}`,
        ],
        [
          'relay time',
          `median round (x${typical.ratio.toFixed(2)}): ${typical.relayed.handlerSeconds.toFixed(1)} s of ${typical.relayed.seconds.toFixed(1)} s ` +
            `in its handler (${typical.relayed.batches} batches: the acknowledged send; mapping is prepared a batch ahead); reading $all alone took ` +
            `${prepared.readSeconds.toFixed(1)} s in the preparation; the rest is the runner (reading ahead, preparing, checkpoints)`,
        ],
      ];
      const rate = (run: Run) => [run.seconds.toFixed(1), String(Math.round(prepared.messages / run.seconds))];
      const rows = rounds.map(({ before, relayed, after, ratio }, index) => [
        String(index + 1),
        ...rate(before),
        ...rate(relayed),
        ...rate(after),
        ratio.toFixed(2),
      ]);
      rows.push(['median', '', '', '', '', '', '', median(rounds.map(({ ratio }) => ratio)).toFixed(2)]);
      return [
        markdownTable(['what', 'value'], facts, () => false),
        markdownTable(
          ['round', 'baseline before s', 'messages/s', 'relay s', 'messages/s', 'baseline after s', 'messages/s', 'x baseline'],
          rows,
          (column) => column > 0,
        ),
      ].join('\n\n');
    } finally {
      await Promise.all([producer.disconnect(), admin.disconnect()]);
      await store.close();
    }
  } finally {
    await pool.end();
    await database.drop();
  }
}
