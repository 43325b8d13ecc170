import type { DataSource } from 'typeorm';
import { projectionHarness, type ProjectionHarness } from '../testing/projection-harness';
import { pipelineProjection } from './pipeline.projection';
import { PipelineQueries } from './pipeline.queries';

const PIPELINE = '0b6c2d1e-4444-4a1a-8a1a-000000000001';
const CUSTOMER = '0b6c2d1e-1111-4a1a-8a1a-000000000001';
const deal = (n: number) => `0b6c2d1e-2222-4a1a-8a1a-00000000000${n}`;
const [D1, D2, D3, D4, D5] = [1, 2, 3, 4, 5].map(deal);

const stages = [
  { id: 'lead', name: 'Lead', probability: 10 },
  { id: 'demo', name: 'Demo', probability: 40 },
  { id: 'offer', name: 'Offer', probability: 70 },
];
const withContract = [...stages, { id: 'contract', name: 'Contract', probability: 90 }];

const opened = (dealId: string, fields: { amount: string } & Record<string, unknown>) => ({
  type: 'DealOpened',
  data: {
    dealId,
    customerId: CUSTOMER,
    title: 'Seats',
    currency: 'EUR',
    pipelineId: PIPELINE,
    stageId: 'lead',
    probability: 10,
    expectedCloseDate: null,
    owner: 'ana',
    openedAt: '2026-03-01T00:00:00.000Z',
    ...fields,
  },
});
const moved = (dealId: string, from: string, to: string, probability: number, changedAt: string) => ({
  type: 'DealStageChanged',
  data: { dealId, from, to, probability, changedAt },
});

describe('pipeline read model', () => {
  let harness: ProjectionHarness;
  beforeEach(async () => {
    harness = await projectionHarness();
    await harness.given(`pipeline-${PIPELINE}`, [
      { type: 'PipelineDefined', data: { pipelineId: PIPELINE, name: 'Sales', stages } },
      { type: 'PipelineStagesChanged', data: { pipelineId: PIPELINE, from: stages, to: withContract } },
    ]);
    await harness.given(`deal-${D1}`, [
      opened(D1, { amount: '1000.50', expectedCloseDate: '2026-05-10', openedAt: '2026-03-01T00:00:00.000Z' }),
      moved(D1, 'lead', 'demo', 40, '2026-03-05T00:00:00.000Z'),
      { type: 'DealRenamed', data: { dealId: D1, from: 'Seats', to: 'More seats' } },
      { type: 'DealReassigned', data: { dealId: D1, from: 'ana', to: 'cy' } },
    ]);
    await harness.given(`deal-${D2}`, [
      opened(D2, { amount: '200', owner: 'bob', expectedCloseDate: '2026-05-20', openedAt: '2026-03-02T00:00:00.000Z' }),
      { type: 'DealLost', data: { dealId: D2, reason: 'price', stageId: 'lead', lostAt: '2026-03-04T00:00:00.000Z' } },
      {
        type: 'DealReopened',
        data: { dealId: D2, from: 'lost', stageId: 'demo', probability: 40, reopenedAt: '2026-03-06T00:00:00.000Z' },
      },
    ]);
    await harness.given(`deal-${D3}`, [
      opened(D3, { amount: '300', currency: 'USD', openedAt: '2026-03-03T00:00:00.000Z' }),
      moved(D3, 'lead', 'contract', 90, '2026-03-10T00:00:00.000Z'),
    ]);
    await harness.given(`deal-${D4}`, [
      opened(D4, { amount: '500', expectedCloseDate: '2026-06-01', openedAt: '2026-03-04T12:00:00.000Z' }),
      { type: 'DealWon', data: { dealId: D4, amount: '550', currency: 'EUR', stageId: 'lead', wonAt: '2026-03-08T00:00:00.000Z' } },
    ]);
    await harness.given(`deal-${D5}`, [
      opened(D5, {
        amount: '99.99',
        stageId: 'offer',
        probability: 70,
        expectedCloseDate: '2026-06-15',
        openedAt: '2026-03-09T00:00:00.000Z',
      }),
      {
        type: 'DealAmountChanged',
        data: { dealId: D5, from: { amount: '99.99', currency: 'EUR' }, to: { amount: '100.01', currency: 'EUR' } },
      },
      { type: 'DealExpectedCloseDateChanged', data: { dealId: D5, from: '2026-06-15', to: '2026-05-31' } },
    ]);
    // D1 moves on after the other deals, so its fold continues from rows written by earlier batches.
    await harness.given(`deal-${D1}`, [moved(D1, 'demo', 'offer', 70, '2026-03-11T00:00:00.000Z')]);
  });
  afterEach(() => harness.close());

  const queries = () => new PipelineQueries(harness.dataSource as DataSource);

  it('keeps one row per deal and the stage history with left_at, across batches', async () => {
    await harness.catchUp(pipelineProjection, { batchSize: 3 });

    const deals = await harness.rows(
      `SELECT deal_id, title, trim_scale(amount)::text AS amount, currency, stage_id, probability, expected_close_date::text AS close,
              owner, status, closed_at, stage_entered_at, lost_reason, revision
       FROM crm.deals ORDER BY deal_id`,
    );
    expect(deals).toEqual([
      {
        deal_id: D1,
        title: 'More seats',
        amount: '1000.5',
        currency: 'EUR',
        stage_id: 'offer',
        probability: 70,
        close: '2026-05-10',
        owner: 'cy',
        status: 'open',
        closed_at: null,
        stage_entered_at: new Date('2026-03-11T00:00:00.000Z'),
        lost_reason: null,
        revision: 4,
      },
      {
        deal_id: D2,
        title: 'Seats',
        amount: '200',
        currency: 'EUR',
        stage_id: 'demo',
        probability: 40,
        close: '2026-05-20',
        owner: 'bob',
        status: 'open',
        closed_at: null,
        stage_entered_at: new Date('2026-03-06T00:00:00.000Z'),
        lost_reason: null,
        revision: 2,
      },
      expect.objectContaining({ deal_id: D3, stage_id: 'contract', probability: 90, close: null, status: 'open', revision: 1 }),
      expect.objectContaining({
        deal_id: D4,
        amount: '550',
        status: 'won',
        closed_at: new Date('2026-03-08T00:00:00.000Z'),
        stage_id: 'lead',
        revision: 1,
      }),
      expect.objectContaining({ deal_id: D5, amount: '100.01', stage_id: 'offer', close: '2026-05-31', revision: 2 }),
    ]);

    const history = await harness.rows(
      `SELECT deal_id, seq, stage_id, entered_at, left_at FROM crm.deal_stage_history ORDER BY deal_id, seq`,
    );
    const at = (iso: string | null) => (iso === null ? null : new Date(`2026-03-${iso}Z`));
    expect(history).toEqual(
      [
        [D1, 1, 'lead', '01T00:00:00', '05T00:00:00'],
        [D1, 2, 'demo', '05T00:00:00', '11T00:00:00'],
        [D1, 3, 'offer', '11T00:00:00', null],
        [D2, 1, 'lead', '02T00:00:00', '04T00:00:00'],
        [D2, 2, 'demo', '06T00:00:00', null],
        [D3, 1, 'lead', '03T00:00:00', '10T00:00:00'],
        [D3, 2, 'contract', '10T00:00:00', null],
        [D4, 1, 'lead', '04T12:00:00', '08T00:00:00'],
        [D5, 1, 'offer', '09T00:00:00', null],
      ].map(([deal_id, seq, stage_id, entered, left]) => ({
        deal_id,
        seq,
        stage_id,
        entered_at: at(entered as string),
        left_at: at(left as string | null),
      })),
    );

    expect(await harness.rows(`SELECT stage_id, position, probability FROM crm.pipeline_stages ORDER BY position`)).toEqual([
      { stage_id: 'lead', position: 0, probability: 10 },
      { stage_id: 'demo', position: 1, probability: 40 },
      { stage_id: 'offer', position: 2, probability: 70 },
      { stage_id: 'contract', position: 3, probability: 90 },
    ]);
  });

  it('sums open deals per stage in pipeline order and per currency, exactly', async () => {
    await harness.catchUp(pipelineProjection);

    const summary = await queries().summary(PIPELINE, new Date('2026-03-16T00:00:00.000Z'));
    // demo: D2 200 × 40% = 80, in the stage since 03-06 (10 days).
    // offer: D1 1000.5 × 70% = 700.35 (5 days) + D5 100.01 × 70% = 70.007 (7 days).
    // contract: D3 300 USD × 90% = 270 (6 days). D4 is won: not in the pipeline.
    expect(summary?.stages).toEqual([
      { stageId: 'lead', name: 'Lead', probability: 10, byCurrency: [] },
      {
        stageId: 'demo',
        name: 'Demo',
        probability: 40,
        byCurrency: [{ currency: 'EUR', count: 1, total: '200', weighted: '80', averageAgeDays: 10 }],
      },
      {
        stageId: 'offer',
        name: 'Offer',
        probability: 70,
        byCurrency: [{ currency: 'EUR', count: 2, total: '1100.51', weighted: '770.357', averageAgeDays: 6 }],
      },
      {
        stageId: 'contract',
        name: 'Contract',
        probability: 90,
        byCurrency: [{ currency: 'USD', count: 1, total: '300', weighted: '270', averageAgeDays: 6 }],
      },
    ]);
    expect(await queries().summary('0b6c2d1e-4444-4a1a-8a1a-0000000000ff')).toBeUndefined();
  });

  it('forecasts open deals by expected close month, with the best case from the two latest stages', async () => {
    await harness.catchUp(pipelineProjection);

    expect(await queries().forecast(PIPELINE)).toEqual({
      pipelineId: PIPELINE,
      bestCaseStages: ['offer', 'contract'],
      months: [
        // D1 1000.5 (offer), D2 200 (demo), D5 100.01 (offer): weighted 700.35 + 80 + 70.007.
        { month: '2026-05', currency: 'EUR', count: 3, total: '1300.51', weighted: '850.357', bestCase: '1100.51' },
        { month: null, currency: 'USD', count: 1, total: '300', weighted: '270', bestCase: '300' },
      ],
    });
  });

  it('lists deals with filters, sorted, in keyset pages', async () => {
    await harness.catchUp(pipelineProjection);
    const ids = (page: { items: { dealId: string }[] }) => page.items.map((item) => item.dealId);

    const first = await queries().listDeals({ status: 'open', currency: 'EUR' }, 'amount', true, 2);
    expect(ids(first)).toEqual([D1, D2]);
    expect(first.items[0]).toMatchObject({ amount: '1000.5', expectedCloseDate: '2026-05-10', stageEnteredAt: '2026-03-11T00:00:00.000Z' });
    const second = await queries().listDeals({ status: 'open', currency: 'EUR' }, 'amount', true, 2, first.nextCursor ?? undefined);
    expect(ids(second)).toEqual([D5]);
    expect(second.nextCursor).toBeNull();

    expect(ids(await queries().listDeals({ owner: 'ana' }, 'openedAt', false, 10))).toEqual([D3, D4, D5]);
    expect(ids(await queries().listDeals({ stageId: 'offer', pipelineId: PIPELINE }, 'openedAt', false, 10))).toEqual([D1, D5]);
    expect(ids(await queries().listDeals({ status: 'won', customerId: CUSTOMER }, 'openedAt', false, 10))).toEqual([D4]);
    await expect(queries().listDeals({}, 'amount', false, 10, 'bm9wZQ')).rejects.toThrow('cursor');
  });

  it('gives exactly the same rows when rebuilt from the log', async () => {
    const checksums = async () =>
      Promise.all(
        pipelineProjection.tables.map(async (table) => {
          const [{ sum }] = await harness.rows<{ sum: string }>(
            `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM ${table} AS t`,
          );
          return [table, sum];
        }),
      );
    const live = await harness.catchUp(pipelineProjection, { batchSize: 2 });
    const before = await checksums();
    await live.stop();

    await harness.catchUp({ ...pipelineProjection, version: 2 });

    expect(await checksums()).toEqual(before);
    const [{ count }] = await harness.rows<{ count: string }>(`SELECT count(*) FROM crm.deal_stage_history`);
    expect(count).toBe('9');
  });
});
