import { DEFAULT_PIPELINE } from '@ledgerline/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { projectionHarness, type ProjectionHarness } from '../testing/projection-harness';
import { dealPerformance, DealPerformanceQueries } from './deal-performance.queries';
import { ownerSummary } from './owner-summary.queries';
import { stageFunnel } from './stage-funnel.queries';
import { pipelineProjection } from './pipeline.projection';

const PIPELINE = '0b6c2d1e-4444-4a1a-8a1a-000000000001';
const OTHER_PIPELINE = '0b6c2d1e-4444-4a1a-8a1a-000000000002';
const CUSTOMER = '0b6c2d1e-1111-4a1a-8a1a-000000000001';
const deal = (n: number) => `0b6c2d1e-2222-4a1a-8a1a-0000000000${String(n).padStart(2, '0')}`;
const [A, B, C, D, E, F, G, H, I, J] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(deal);

const stages = [
  { id: 'lead', name: 'Lead', probability: 10 },
  { id: 'demo', name: 'Demo', probability: 40 },
  { id: 'offer', name: 'Offer', probability: 70 },
  { id: 'contract', name: 'Contract', probability: 90 },
];
const probability = Object.fromEntries(stages.map((stage) => [stage.id, stage.probability]));
/** `03-11` is 2026-03-11 midnight UTC; a full timestamp passes through. */
const at = (day: string) => (day.length === 5 ? `2026-${day}T00:00:00.000Z` : day);

/** One deal's life, written as the write side would have: opened, then moves and closings in order. */
type Step = ['move', string, string] | ['win', string, string] | ['lose', string] | ['reopen', string, string];
function life(
  dealId: string,
  open: { day: string; amount: string; stage?: string; currency?: string; owner?: string | null; pipeline?: string },
  steps: Step[],
) {
  let stage = open.stage ?? 'lead';
  const currency = open.currency ?? 'EUR';
  const events: { type: string; data: Record<string, unknown> }[] = [
    {
      type: 'DealOpened',
      data: {
        dealId,
        customerId: CUSTOMER,
        title: 'Seats',
        amount: open.amount,
        currency,
        pipelineId: open.pipeline ?? PIPELINE,
        stageId: stage,
        probability: probability[stage],
        expectedCloseDate: null,
        owner: open.owner === undefined ? 'ana' : open.owner,
        openedAt: at(open.day),
      },
    },
  ];
  for (const step of steps) {
    if (step[0] === 'move') {
      events.push({
        type: 'DealStageChanged',
        data: { dealId, from: stage, to: step[1], probability: probability[step[1]], changedAt: at(step[2]) },
      });
      stage = step[1];
    } else if (step[0] === 'win') {
      events.push({ type: 'DealWon', data: { dealId, amount: step[1], currency, stageId: stage, wonAt: at(step[2]) } });
    } else if (step[0] === 'lose') {
      events.push({ type: 'DealLost', data: { dealId, reason: 'price', stageId: stage, lostAt: at(step[1]) } });
    } else {
      events.push({
        type: 'DealReopened',
        data: { dealId, from: 'lost', stageId: step[1], probability: probability[step[1]], reopenedAt: at(step[2]) },
      });
      stage = step[1];
    }
  }
  return events;
}

const MARCH = { from: new Date('2026-03-01T00:00:00.000Z'), to: new Date('2026-04-01T00:00:00.000Z') };

describe('pipeline performance: win rate, cycle, velocity, funnel, owners', () => {
  let harness: ProjectionHarness;
  const db = () => harness.dataSource as DataSource;

  beforeAll(async () => {
    harness = await projectionHarness();
    await harness.given(`pipeline-${PIPELINE}`, [{ type: 'PipelineDefined', data: { pipelineId: PIPELINE, name: 'Sales', stages } }]);
    const lives: [string, ReturnType<typeof life>][] = [
      // Through every stage, won: cycle 10 days.
      [
        A,
        life(A, { day: '03-01', amount: '900' }, [
          ['move', 'demo', '03-03'],
          ['move', 'offer', '03-05'],
          ['win', '1000.10', '03-11'],
        ]),
      ],
      // Skips demo and offer, lost.
      [
        B,
        life(B, { day: '03-02', amount: '400', owner: 'bob' }, [
          ['move', 'contract', '03-06'],
          ['lose', '03-08'],
        ]),
      ],
      // Lost, reopened into demo, won: counts once, as won; cycle 18 days.
      [
        C,
        life(C, { day: '03-03', amount: '500' }, [
          ['lose', '03-04'],
          ['reopen', 'demo', '03-06'],
          ['move', 'offer', '03-10'],
          ['win', '500', '03-21'],
        ]),
      ],
      // USD, won: cycle 7 days.
      [
        D,
        life(D, { day: '03-05', amount: '300', currency: 'USD', owner: 'bob' }, [
          ['move', 'demo', '03-07'],
          ['win', '300', '03-12'],
        ]),
      ],
      // Open in lead.
      [E, life(E, { day: '03-10', amount: '200.55' }, [])],
      // Opened straight into demo (skipping lead), USD, no owner, open.
      [F, life(F, { day: '03-15', amount: '100', stage: 'demo', currency: 'USD', owner: null }, [])],
      // Opened before the period, won on its first instant: in the period's wins, not in its cohort; cycle 8.5 days.
      [G, life(G, { day: '2026-02-20T12:00:00.000Z', amount: '250' }, [['win', '250', '03-01']])],
      // In the cohort, won on the period's end (exclusive): not a win of the period, but reached every stage.
      [H, life(H, { day: '03-20', amount: '700' }, [['win', '700', '04-01']])],
      // Lost in the period, then reopened: open now, not a loss of the period.
      [
        I,
        life(I, { day: '03-25', amount: '50' }, [
          ['lose', '03-28'],
          ['reopen', 'lead', '03-29'],
        ]),
      ],
      // Another pipeline.
      [J, life(J, { day: '03-05', amount: '10', pipeline: OTHER_PIPELINE }, [['win', '10', '03-06']])],
    ];
    for (const [dealId, events] of lives) await harness.given(`deal-${dealId}`, events);
    await harness.catchUp(pipelineProjection, { batchSize: 7 });
  });
  afterAll(() => harness.close());

  describe('dealPerformance', () => {
    it('gives win rate, cycle and velocity per currency from the deals closed in the period and the deals open now', async () => {
      // Won in March: A (1000.10 EUR, 10 d), C (500 EUR, 18 d), D (300 USD, 7 d), G (250 EUR, 8.5 d); lost: B. Not: H (won on
      // the end instant), I (lost, then reopened), C's first loss (reopened since). Open now: E 200.55 + I 50 EUR, F 100 USD.
      // Cycle (10 + 18 + 7 + 8.5) / 4 = 10.875. Velocity EUR 2 × 0.8 × (1750.1 / 3) / 10.875 = 85.8287; USD 1 × 0.8 × 300 / 10.875.
      expect(await dealPerformance(db(), { ...MARCH, pipelineId: PIPELINE })).toEqual({
        from: '2026-03-01T00:00:00.000Z',
        to: '2026-04-01T00:00:00.000Z',
        closed: 5,
        won: 4,
        lost: 1,
        winRate: 0.8,
        averageCycleDays: 10.88,
        byCurrency: [
          {
            currency: 'EUR',
            wonCount: 3,
            wonAmount: '1750.1',
            averageWonAmount: '583.3667',
            openCount: 2,
            openAmount: '250.55',
            salesVelocityPerDay: '85.83',
          },
          {
            currency: 'USD',
            wonCount: 1,
            wonAmount: '300',
            averageWonAmount: '300',
            openCount: 1,
            openAmount: '100',
            salesVelocityPerDay: '22.07',
          },
        ],
      });
    });

    it("filters by owner, and counts every pipeline's deals without a pipeline", async () => {
      // ana: A, C, G won; cycle 36.5 / 3 = 12.1667; velocity 2 × 1 × (1750.1 / 3) / 12.1667 = 95.8959.
      expect(await dealPerformance(db(), { ...MARCH, owner: 'ana', pipelineId: PIPELINE })).toMatchObject({
        closed: 3,
        won: 3,
        lost: 0,
        winRate: 1,
        averageCycleDays: 12.17,
        byCurrency: [{ currency: 'EUR', wonCount: 3, wonAmount: '1750.1', openCount: 2, salesVelocityPerDay: '95.90' }],
      });
      // J (10 EUR, 1 day) joins: 5 won of 6; cycle 44.5 / 5 = 8.9.
      const all = await dealPerformance(db(), MARCH);
      expect(all).toMatchObject({ closed: 6, won: 5, lost: 1, winRate: 0.8333, averageCycleDays: 8.9 });
      expect(all.byCurrency[0]).toMatchObject({ currency: 'EUR', wonCount: 4, wonAmount: '1760.1', averageWonAmount: '440.025' });
    });

    it('answers nulls, not zeros divided, when nothing closed in the period', async () => {
      expect(await dealPerformance(db(), { from: new Date('2025-01-01'), to: new Date('2025-02-01'), pipelineId: PIPELINE })).toEqual({
        from: '2025-01-01T00:00:00.000Z',
        to: '2025-02-01T00:00:00.000Z',
        closed: 0,
        won: 0,
        lost: 0,
        winRate: null,
        averageCycleDays: null,
        byCurrency: [
          {
            currency: 'EUR',
            wonCount: 0,
            wonAmount: '0',
            averageWonAmount: null,
            openCount: 2,
            openAmount: '250.55',
            salesVelocityPerDay: null,
          },
          {
            currency: 'USD',
            wonCount: 0,
            wonAmount: '0',
            averageWonAmount: null,
            openCount: 1,
            openAmount: '100',
            salesVelocityPerDay: null,
          },
        ],
      });
    });
  });

  describe('stageFunnel', () => {
    it('counts each cohort deal once at the furthest stage it reached, skipped stages and won deals included', async () => {
      // Cohort (opened in March): A B C D E F H I (G opened in February, J is another pipeline). Furthest stage: A C D H won
      // (every stage), B contract (skipped demo and offer), F demo (opened there), E and I lead (I reopened, once).
      // Stays that ended: lead A 2, B 4, C 1, D 2, H 12, I 3 = 24 / 6; demo A 2, C 4, D 5 = 11 / 3; offer A 6, C 11; contract B 2.
      expect(await stageFunnel(db(), PIPELINE, MARCH)).toEqual({
        pipelineId: PIPELINE,
        from: '2026-03-01T00:00:00.000Z',
        to: '2026-04-01T00:00:00.000Z',
        cohort: 8,
        won: 4,
        stages: [
          {
            stageId: 'lead',
            name: 'Lead',
            position: 0,
            reached: 8,
            conversionFromPrevious: null,
            conversionFromFirst: 1,
            averageDaysInStage: 4,
          },
          {
            stageId: 'demo',
            name: 'Demo',
            position: 1,
            reached: 6,
            conversionFromPrevious: 0.75,
            conversionFromFirst: 0.75,
            averageDaysInStage: 3.67,
          },
          {
            stageId: 'offer',
            name: 'Offer',
            position: 2,
            reached: 5,
            conversionFromPrevious: 0.8333,
            conversionFromFirst: 0.625,
            averageDaysInStage: 8.5,
          },
          {
            stageId: 'contract',
            name: 'Contract',
            position: 3,
            reached: 5,
            conversionFromPrevious: 1,
            conversionFromFirst: 0.625,
            averageDaysInStage: 2,
          },
        ],
      });
    });

    it("filters the cohort by owner and by the period's bounds, and knows no unknown pipeline", async () => {
      // ana: A C H (won), E I (lead). Stays: lead A 2, C 1, H 12, I 3; demo A 2, C 4; offer A 6, C 11; contract none.
      const ana = await stageFunnel(db(), PIPELINE, { ...MARCH, owner: 'ana' });
      expect(ana).toMatchObject({ cohort: 5, won: 3 });
      expect(
        ana?.stages.map((stage) => [stage.reached, stage.conversionFromPrevious, stage.conversionFromFirst, stage.averageDaysInStage]),
      ).toEqual([
        [5, null, 1, 4.5],
        [3, 0.6, 0.6, 3],
        [3, 1, 0.6, 8.5],
        [3, 1, 0.6, null],
      ]);
      // [03-05, 03-20): D (opened on the start instant), E, F; not H (opened on the end instant).
      const middle = await stageFunnel(db(), PIPELINE, { from: new Date('2026-03-05'), to: new Date('2026-03-20') });
      expect(middle).toMatchObject({ cohort: 3, won: 1 });
      expect(middle?.stages.map((stage) => stage.reached)).toEqual([3, 2, 1, 1]);
      // Nobody opened a deal then: no cohort, no ratios.
      const empty = await stageFunnel(db(), PIPELINE, { from: new Date('2025-01-01'), to: new Date('2025-02-01') });
      expect(empty?.stages[1]).toEqual({
        stageId: 'demo',
        name: 'Demo',
        position: 1,
        reached: 0,
        conversionFromPrevious: null,
        conversionFromFirst: null,
        averageDaysInStage: null,
      });
      expect(await stageFunnel(db(), '0b6c2d1e-4444-4a1a-8a1a-0000000000ff', MARCH)).toBeUndefined();
    });
  });

  describe('ownerSummary', () => {
    it("gives each owner's open deals per currency and the period's wins, losses and win rate; no owner last", async () => {
      // ana: open E 200.55 + I 50 at 10 % (I reopened into lead); won A C G. bob: won D, lost B. F has no owner: 100 USD at 40 %.
      expect(await ownerSummary(db(), { ...MARCH, pipelineId: PIPELINE })).toEqual([
        { owner: 'ana', open: [{ currency: 'EUR', count: 2, amount: '250.55', weighted: '25.055' }], won: 3, lost: 0, winRate: 1 },
        { owner: 'bob', open: [], won: 1, lost: 1, winRate: 0.5 },
        { owner: 'unassigned', open: [{ currency: 'USD', count: 1, amount: '100', weighted: '40' }], won: 0, lost: 0, winRate: null },
      ]);
      expect(await ownerSummary(db(), { ...MARCH, owner: 'bob' })).toEqual([{ owner: 'bob', open: [], won: 1, lost: 1, winRate: 0.5 }]);
    });

    it('is what the injectable answers too', async () => {
      const queries = new DealPerformanceQueries(db());
      expect(await queries.owners(MARCH)).toEqual(await ownerSummary(db(), MARCH));
      expect(await queries.pipelineKnown(OTHER_PIPELINE)).toBe(true);
      expect(await queries.pipelineKnown('0b6c2d1e-4444-4a1a-8a1a-0000000000ff')).toBe(false);
    });
  });

  describe("the analysts' SQL in docs/read-models.md", () => {
    const docs = readFileSync(join(__dirname, '../../../../docs/read-models.md'), 'utf8');
    const start = docs.indexOf('## Pipeline performance');
    const end = docs.indexOf('\n## ', start);
    const section = docs.slice(start, end < 0 ? undefined : end);
    const queries = [...section.matchAll(/```sql\n([\s\S]*?)```/g)].map(([, sql]) =>
      // The docs ask about the default pipeline; these deals are in the test's.
      sql.replaceAll(DEFAULT_PIPELINE.pipelineId, PIPELINE),
    );
    const QUARTER = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };
    const number = (value: unknown) => (value === null ? null : Number(value));
    const run = async (index: number) => harness.rows<Record<string, string | null>>(queries[index]);

    it('gives what the API gives, figure for figure', async () => {
      expect(queries).toHaveLength(5);
      const [totals] = await run(0);
      const performance = await dealPerformance(db(), QUARTER);
      expect({
        closed: number(totals.closed),
        won: number(totals.won),
        lost: number(totals.lost),
        winRate: number(totals.win_rate),
        averageCycleDays: number(totals.average_cycle_days),
      }).toEqual({ closed: 6, won: 5, lost: 1, winRate: 0.8333, averageCycleDays: 8.9 });
      expect(performance).toMatchObject({ closed: 6, won: 5, lost: 1, winRate: 0.8333, averageCycleDays: 8.9 });
      expect(
        (await run(1)).map((row) => ({
          currency: row.currency,
          wonCount: number(row.won_count),
          wonAmount: row.won_amount,
          averageWonAmount: row.average_won_amount,
          openCount: number(row.open_count),
          openAmount: row.open_amount,
          salesVelocityPerDay: row.sales_velocity_per_day,
        })),
      ).toEqual(performance.byCurrency);

      const funnel = await stageFunnel(db(), PIPELINE, QUARTER);
      expect(
        (await run(2)).map((row) => ({
          stageId: row.stage_id,
          position: number(row.position),
          reached: number(row.reached),
          conversionFromPrevious: number(row.conversion_from_previous),
          conversionFromFirst: number(row.conversion_from_first),
          averageDaysInStage: number(row.average_days_in_stage),
        })),
      ).toEqual(funnel?.stages.map(({ name: _name, ...stage }) => stage));
      // G (opened in February) joins the quarter's cohort: 9 deals.
      expect(funnel?.stages[0].reached).toBe(9);

      const owners = await ownerSummary(db(), QUARTER);
      expect((await run(3)).map((row) => [row.owner, row.currency, number(row.open_count), row.open_amount, row.open_weighted])).toEqual(
        owners.flatMap(({ owner, open }) =>
          open.map((figures) => [owner, figures.currency, figures.count, figures.amount, figures.weighted]),
        ),
      );
      expect((await run(4)).map((row) => [row.owner, number(row.won), number(row.lost), number(row.win_rate)])).toEqual(
        owners.filter(({ won, lost }) => won + lost > 0).map(({ owner, won, lost, winRate }) => [owner, won, lost, winRate]),
      );
    });
  });
});
