import { DeciderRunner, EventCodec } from '@ledgerline/application';
import { PostgresEventStore } from '@ledgerline/event-store';
import {
  BILLING_INVOICE_TOPIC,
  createMissingTopics,
  deadLetterTopic,
  ERP_CUSTOMER_TOPIC,
  INBOUND_TOPICS,
  kafkaClient,
  relayProducer,
  type ErpCustomerUpserted,
  type InvoicePaid,
} from '@ledgerline/integration';
import { InboundHandler } from '@ledgerline/integration/inbound/inbound-handler';
import { INBOUND_GROUP_ID } from '@ledgerline/integration/inbound/kafka-inbound-consumer';
import { ERP_UPSERTED, INVOICE_PAID } from '@ledgerline/integration/testing/inbound-samples';
import { inboundServicesOver } from '@ledgerline/integration/testing/inbound-services-over';
import { openReadModelDatabase } from '@ledgerline/projections';
import type { Admin } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Pool } from 'pg';
import { startApi } from '../read-side/api-process';
import { markdownTable } from '../report';
import { createDatabase } from '../server';
import type { KafkaBench } from './kafka-bench';
import { TOPIC_SETTINGS } from './relay';

/** Records at scale 1, per round: the direct path applies about a thousand a second here. */
const INBOUND_MESSAGES = 6_000;
const INVOICES_PER_CUSTOMER = 3;
/** Records per produce request when the bench plays the ERP and billing systems. */
const PRODUCE_BATCH = 500;
const COUNTRIES = ['DE', 'AT', 'CH', 'FR', 'NL', 'GB', 'US', 'ES', 'IT', 'SE'];
const INDUSTRIES = ['Machinery', 'Retail', 'Software', 'Logistics', 'Healthcare', 'Finance'];

type InboundRecord = Readonly<{ key: string; value: string; headers: Record<string, string> }>;
/** One kind of inbound message: its records, and the event each one's effect appends exactly once. */
type Phase = Readonly<{ name: string; topic: string; records: readonly InboundRecord[]; effect: string }>;
type Timing = Readonly<{ phase: Phase; seconds: number; producedSeconds?: number }>;

const record = (key: string, message: ErpCustomerUpserted | InvoicePaid): InboundRecord => ({
  key,
  value: JSON.stringify(message),
  headers: { 'correlation-id': `bench-${message.id}` },
});

/**
 * New customers from the ERP (each with a billing id), then their paid invoices (INVOICES_PER_CUSTOMER each, the
 * first of every customer before the second of any), as an ERP and a billing system would send them: the documented
 * samples (libs/integration/src/testing/inbound-samples.ts) with other ids and values, keyed as docs/integration.md asks.
 */
function inboundPhases(runId: string, customers: number): Phase[] {
  const ids = Array.from({ length: customers }, (_, index) => ({
    index,
    erpCustomerId: `${runId}-${100_000 + index}`,
    billingCustomerId: `cus_${runId}_${index}`,
  }));
  const upserts = ids.map(({ index, erpCustomerId, billingCustomerId }) => {
    const company = index % 3 !== 0;
    return record(erpCustomerId, {
      ...ERP_UPSERTED,
      id: `erp-${runId}-${index}`,
      subject: erpCustomerId,
      data: {
        erpCustomerId,
        kind: company ? 'company' : 'person',
        name: company ? `Kunde ${index} GmbH` : `Kim Person-${index}`,
        email: `einkauf@kunde-${index}.example`,
        phone: `+49 711 ${String(100_000 + index)}`,
        country: COUNTRIES[index % COUNTRIES.length],
        industry: INDUSTRIES[index % INDUSTRIES.length],
        billingCustomerId,
      },
    });
  });
  const invoices = Array.from({ length: INVOICES_PER_CUSTOMER }, (_, number) =>
    ids.map(({ index, erpCustomerId, billingCustomerId }) => {
      const invoiceId = `INV-${runId}-${index}-${number}`;
      const amount = (100 + ((index * 37 + number * 113) % 9_000) + (index % 100) / 100).toFixed(2);
      return record(billingCustomerId, {
        ...INVOICE_PAID,
        id: `bill-${runId}-${index}-${number}`,
        subject: invoiceId,
        data: { invoiceId, customer: { billingCustomerId, erpCustomerId }, amount, currency: 'EUR', paidAt: INVOICE_PAID.data.paidAt },
      });
    }),
  ).flat();
  return [
    { name: 'erp.customer.upserted.v1, new customer', topic: ERP_CUSTOMER_TOPIC, records: upserts, effect: 'CustomerRegistered' },
    { name: 'billing.invoice.paid.v1', topic: BILLING_INVOICE_TOPIC, records: invoices, effect: 'CustomerPurchaseRecorded' },
  ];
}

/** Records in the dead-letter queues: none may land there, or the bench would wait for effects that never come. */
async function deadLettered(admin: Admin): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const offsets = await Promise.all(INBOUND_TOPICS.map((topic) => admin.fetchTopicOffsets(deadLetterTopic(topic))));
      return offsets.flat().reduce((sum, { high }) => sum + Number(high), 0);
    } catch (error) {
      if (attempt === 10) throw error; // a topic just created may not have its leader known yet
      await sleep(500);
    }
  }
}

/** Until the inbound consumer group has its members and partitions (the API has joined). */
async function waitForGroup(admin: Admin): Promise<void> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(250)) {
    const { groups } = await admin.describeGroups([INBOUND_GROUP_ID]);
    if (groups[0]?.state === 'Stable' && groups[0].members.length > 0) return;
  }
  throw new Error(`the consumer group ${INBOUND_GROUP_ID} did not become stable within a minute`);
}

/**
 * Through Kafka: the API as `npm start` runs it with KAFKA_BROKERS (inbound consumer, projections and relay in its
 * process) on a fresh database. Per phase: from the first record produced until every record's effect is in the store.
 */
async function throughKafka(bench: KafkaBench, phases: readonly Phase[], log: (line: string) => void): Promise<Timing[]> {
  const database = await createDatabase(bench.serverUrl, 'inbound');
  const kafka = kafkaClient([bench.brokers], 'ledgerline-bench-inbound', log);
  const admin = kafka.admin();
  const producer = relayProducer(kafka);
  const sql = new Client({ connectionString: database.url });
  await Promise.all([admin.connect(), producer.connect(), sql.connect()]);
  try {
    await createMissingTopics(admin, [...INBOUND_TOPICS, ...INBOUND_TOPICS.map(deadLetterTopic)], { ...TOPIC_SETTINGS, log });
    const deadBefore = await deadLettered(admin);
    const api = await startApi(database.url);
    try {
      await waitForGroup(admin); // the API is up, its runners and consumer started; a fresh database has nothing to catch up
      const timings: Timing[] = [];
      for (const phase of phases) {
        const started = performance.now();
        for (let first = 0; first < phase.records.length; first += PRODUCE_BATCH) {
          const messages = phase.records.slice(first, first + PRODUCE_BATCH);
          await producer.sendBatch({ topicMessages: [{ topic: phase.topic, messages }], acks: -1 });
        }
        const producedSeconds = (performance.now() - started) / 1000;
        for (let polls = 0; ; polls += 1) {
          const { rows } = await sql.query<{ count: string }>(`SELECT count(*) FROM events WHERE type = $1`, [phase.effect]);
          if (Number(rows[0].count) >= phase.records.length) break;
          if (polls % 20 === 19 && (await deadLettered(admin)) > deadBefore) throw new Error('inbound records went to a dead-letter queue');
          await sleep(50);
        }
        timings.push({ phase, seconds: (performance.now() - started) / 1000, producedSeconds });
      }
      return timings;
    } finally {
      await api.stop();
    }
  } finally {
    await Promise.all([admin.disconnect(), producer.disconnect(), sql.end()]);
    await database.drop();
  }
}

/**
 * The baseline: the same records straight into the command side, in this process, one at a time: the real InboundHandler (parsing, validation, the same commands through the
 * DeciderRunner into the event store, customers found through the write-side index of external ids, as the
 * consumer finds them). Left out: Kafka (fetch, offset commit).
 */
async function direct(bench: KafkaBench, phases: readonly Phase[]): Promise<Timing[]> {
  const database = await createDatabase(bench.serverUrl, 'inbound_direct');
  const pool = new Pool({ connectionString: database.url, max: 20 });
  const store = await PostgresEventStore.open(pool);
  const readModel = await openReadModelDatabase(database.url);
  try {
    const handler = new InboundHandler(inboundServicesOver(store, readModel, new DeciderRunner(store, new EventCodec(), 10)));
    const timings: Timing[] = [];
    for (const phase of phases) {
      const started = performance.now();
      for (const { value, headers } of phase.records) await handler.handle(phase.topic, { value: Buffer.from(value), headers });
      timings.push({ phase, seconds: (performance.now() - started) / 1000 });
    }
    return timings;
  } finally {
    await readModel.destroy();
    await store.close();
    await pool.end();
    await database.drop();
  }
}

/** Rounds of both paths, alternating, so that a slow minute of this shared machine hits both; medians are shown. */
const ROUNDS = 3;

const medianOf = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The inbound scenario: scale × INBOUND_MESSAGES records through Kafka into the API, and the same straight into the command side. */
export async function inboundScenario(bench: KafkaBench, scale: number, log: (line: string) => void): Promise<string> {
  const customers = Math.max(5, Math.round((INBOUND_MESSAGES * scale) / (1 + INVOICES_PER_CUSTOMER)));
  const rounds: { kafka: Timing[]; commandSide: Timing[] }[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    // Other ids every round: the topics and the consumer group's offsets carry over from one round to the next.
    const phases = inboundPhases(`${bench.runId}r${round}`, customers);
    log(`inbound round ${round}/${ROUNDS}: ${phases.map(({ records, name }) => `${records.length} × ${name}`).join(', ')}`);
    const kafka = await throughKafka(bench, phases, log);
    const commandSide = await direct(bench, phases);
    rounds.push({ kafka, commandSide });
    phases.forEach(({ name }, index) =>
      log(
        `  ${name}: direct ${commandSide[index].seconds.toFixed(1)} s, Kafka ${kafka[index].seconds.toFixed(1)} s, x${(commandSide[index].seconds / kafka[index].seconds).toFixed(2)}`,
      ),
    );
  }
  const phases = rounds[0].kafka.map(({ phase }) => phase);
  const seconds = (path: 'kafka' | 'commandSide', index: number) => medianOf(rounds.map((round) => round[path][index].seconds));
  const ratios = (index: number) => rounds.map((round) => round.commandSide[index].seconds / round.kafka[index].seconds);
  const row = (path: string, phase: Phase, median: number, ratio: number, perRound: readonly number[]) => [
    path,
    phase.name,
    String(phase.records.length),
    median.toFixed(1),
    String(Math.round(phase.records.length / median)),
    ratio.toFixed(2),
    perRound.map((value) => value.toFixed(2)).join(', '),
  ];
  const rows = [
    ...phases.map((phase, index) =>
      row(
        'command side, direct',
        phase,
        seconds('commandSide', index),
        1,
        rounds.map(() => 1),
      ),
    ),
    ...phases.map((phase, index) => row('Kafka → API', phase, seconds('kafka', index), medianOf(ratios(index)), ratios(index))),
  ];
  const produced = phases
    .map(({ name }, index) => `${name} ${medianOf(rounds.map((round) => round.kafka[index].producedSeconds ?? 0)).toFixed(1)} s`)
    .join(', ');
  const facts = [
    ['scale', String(scale)],
    ['rounds', `${ROUNDS}, each path once a round; the table shows medians (x direct: the median of the rounds' ratios)`],
    ['broker', bench.where],
    ['data', `${customers} new customers, ${INVOICES_PER_CUSTOMER} paid invoices each; topics of ${TOPIC_SETTINGS.partitions} partitions`],
    ['consumer', 'KAFKA_INBOUND_CONCURRENCY unset: 16 records at a time'],
    ['producing', `of the Kafka times, the bench's own producing took (median): ${produced}`],
  ];
  return [
    markdownTable(['what', 'value'], facts, () => false),
    markdownTable(
      ['path', 'message', 'records', 's', 'commands/s', 'x direct', 'x direct per round'],
      rows,
      (column) => column >= 2 && column <= 5,
    ),
  ].join('\n\n');
}
