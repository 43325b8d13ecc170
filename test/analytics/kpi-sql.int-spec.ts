import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyticsProjection, kpis, pipelineProjection, type Kpis } from '@ledgerline/projections';
import { givenStory, PIPELINE } from '../../libs/projections/src/analytics/analytics.fixtures';
import { projectionHarness, type ProjectionHarness } from '../../libs/projections/src/testing/projection-harness';

const DOC = readFileSync(join(__dirname, '../../docs/read-models.md'), 'utf8');

/** The `-- kpi: <name>` blocks of docs/read-models.md: what analysts are told to run. */
const DOC_SQL = new Map([...DOC.matchAll(/```sql\n-- kpi: (\w+)\n([\s\S]*?)```/g)].map(([, name, sql]) => [name, sql]));

/** psql variables (:'from') → numbered parameters, only those the block uses. */
function bind(sql: string, values: Record<string, string>): [string, string[]] {
  const used: string[] = [];
  const text = sql.replace(/:'(\w+)'/g, (_, name: string) => {
    if (!used.includes(name)) used.push(name);
    return `$${used.indexOf(name) + 1}`;
  });
  return [text.replace(/;\s*$/, ''), used.map((name) => values[name])];
}

const num = (value: string | null) => (value === null ? null : Number(value));
const byCurrency = <T>(rows: { currency: string }[], pick: (row: never) => T) => rows.map((row) => [row.currency, pick(row as never)]);

/** Each KPI as the API gives it, and as its documented SQL's rows give it, in one comparable shape. */
const KPIS: Record<string, { api: (k: Kpis) => unknown; sql: (rows: Record<string, string | null>[]) => unknown }> = {
  win_rate: { api: (k) => k.deals.winRate, sql: ([row]) => num(row.win_rate) },
  cycle_length: { api: (k) => k.deals.averageCycleDays, sql: ([row]) => num(row.average_cycle_days) },
  sales_velocity: {
    api: (k) => byCurrency(k.deals.byCurrency, (c: { salesVelocityPerDay: string | null }) => num(c.salesVelocityPerDay)),
    sql: (rows) => rows.map((row) => [row.currency, num(row.sales_velocity_per_day)]),
  },
  stage_conversion: {
    api: (k) => k.stageConversion?.stages.map((s) => [s.stageId, s.reached, s.conversionFromPrevious, s.conversionFromFirst]),
    sql: (rows) =>
      rows.map((row) => [row.stage_id, Number(row.reached), num(row.conversion_from_previous), num(row.conversion_from_first)]),
  },
  churn_rate: { api: (k) => k.customers.churnRate, sql: ([row]) => num(row.churn_rate) },
  retention_rate: { api: (k) => k.customers.retentionRate, sql: ([row]) => num(row.retention_rate) },
  repeat_purchase_rate: { api: (k) => k.purchases.repeatPurchaseRate, sql: ([row]) => num(row.repeat_purchase_rate) },
  average_order_value: {
    api: (k) => byCurrency(k.purchases.byCurrency, (c: { averageOrderValue: string }) => c.averageOrderValue),
    sql: (rows) => rows.map((row) => [row.currency, row.average_order_value]),
  },
  customer_lifetime_value: {
    api: (k) => byCurrency(k.purchases.byCurrency, (c: { customerLifetimeValue: string | null }) => c.customerLifetimeValue),
    sql: (rows) => rows.map((row) => [row.currency, row.customer_lifetime_value]),
  },
  interactions_per_customer: {
    api: (k) => k.interactions.interactionsPerCustomer,
    sql: ([row]) => num(row.interactions_per_customer),
  },
};

const PERIODS = [
  ['2026-02-01', '2026-04-01'],
  ['2026-01-01', '2026-03-06'],
  ['2026-03-01', '2026-03-31'],
];
const OWNERS = ['', 'ana', 'bob', 'cy'];

describe('KPIs: the API and the documented SQL, run as the analysts role, agree', () => {
  let harness: ProjectionHarness;
  beforeAll(async () => {
    harness = await projectionHarness();
    await givenStory(harness);
    await harness.catchUp(pipelineProjection);
    await harness.catchUp(analyticsProjection);
  });
  afterAll(() => harness.close());

  /** Runs SQL as ledgerline_analyst on a connection of its own. */
  const asAnalyst = async <T>(work: (query: (sql: string, parameters?: unknown[]) => Promise<T[]>) => Promise<unknown>) => {
    const runner = harness.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SET ROLE ledgerline_analyst');
      return await work((sql, parameters) => runner.query(sql, parameters));
    } finally {
      await runner.query('RESET ROLE');
      await runner.release();
    }
  };

  it('documents a SQL block for every KPI', () => {
    expect([...DOC_SQL.keys()].sort()).toEqual(Object.keys(KPIS).sort());
  });

  it('gives the expected figures for the story', async () => {
    const answer = await kpis(harness.dataSource, {
      from: new Date('2026-02-01T00:00:00Z'),
      to: new Date('2026-04-01T00:00:00Z'),
      pipelineId: PIPELINE,
    });
    expect(answer).toMatchObject({
      deals: { closed: 2, won: 1, lost: 1, winRate: 0.5, averageCycleDays: 9.5 },
      customers: { activeAtStart: 2, churned: 1, churnRate: 0.5, retentionRate: 0.5 },
      // O-4 (20) and O-5 (60, 25 of it returned); O-6 was reversed and does not count.
      purchases: {
        buyers: 2,
        repeatBuyers: 0,
        repeatPurchaseRate: 0,
        byCurrency: [
          {
            currency: 'EUR',
            orders: 2,
            revenue: '55',
            buyers: 2,
            averageOrderValue: '27.5',
            purchaseFrequency: 1,
            customerLifetimeValue: '55.00',
          },
        ],
      },
      interactions: { interactions: 2, customers: 2, interactionsPerCustomer: 1 },
    });
    // D3 (EUR now) is open: 1 × 0.5 × 150 / 9.5 per day.
    expect(answer.deals.byCurrency).toEqual([expect.objectContaining({ currency: 'EUR', salesVelocityPerDay: '7.89' })]);
    expect(answer.stageConversion?.stages.map((stage) => [stage.stageId, stage.reached])).toEqual([
      ['lead', 3],
      ['demo', 2],
      ['offer', 1],
    ]);
  });

  describe.each(PERIODS)('over [%s, %s)', (from, to) => {
    it.each(OWNERS)('computes each KPI alike for owner "%s"', async (owner) => {
      const api = await kpis(harness.dataSource, {
        from: new Date(`${from}T00:00:00Z`),
        to: new Date(`${to}T00:00:00Z`),
        owner: owner || undefined,
        pipelineId: undefined,
      });
      const funnel = await kpis(harness.dataSource, {
        from: new Date(`${from}T00:00:00Z`),
        to: new Date(`${to}T00:00:00Z`),
        owner: owner || undefined,
        pipelineId: PIPELINE,
      });
      await asAnalyst(async (query) => {
        for (const [name, kpi] of Object.entries(KPIS)) {
          const [sql, parameters] = bind(DOC_SQL.get(name)!, { from, to, owner, pipeline: PIPELINE });
          const rows = (await query(sql, parameters)) as Record<string, string | null>[];
          const expected = kpi.api(name === 'stage_conversion' ? funnel : api);
          expect({ name, value: kpi.sql(rows) }).toEqual({ name, value: expected });
        }
      });
    });
  });

  it('documents every view and column of the analytics schema', async () => {
    const columns: { view: string; column: string }[] = await harness.rows(
      `SELECT table_name AS view, column_name AS column FROM information_schema.columns WHERE table_schema = 'analytics'`,
    );
    expect(columns.length).toBeGreaterThan(50);
    const missing = columns.filter(({ view, column }) => {
      const section = DOC.split(`#### \`analytics.${view}\``)[1]?.split('####')[0] ?? '';
      return !new RegExp(`^\\| ${column} +\\|`, 'm').test(section);
    });
    expect(missing).toEqual([]);
    const uncommented = await harness.rows(
      `SELECT c.relname, a.attname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
       WHERE n.nspname = 'analytics' AND (col_description(c.oid, a.attnum) IS NULL OR obj_description(c.oid, 'pg_class') IS NULL)`,
    );
    expect(uncommented).toEqual([]);
  });

  it('lets the role read the views and nothing else', async () => {
    const refused = async (sql: string) =>
      asAnalyst(async (query) => {
        await expect(query(sql)).rejects.toThrow(/permission denied/);
      });
    await asAnalyst(async (query) => expect(await query('SELECT count(*)::int AS n FROM analytics.orders')).toEqual([{ n: 7 }]));
    await refused('SELECT * FROM crm.customers');
    await refused('SELECT * FROM crm.daily_deal_facts');
    await refused('SELECT * FROM events');
    await refused(`INSERT INTO analytics.pipeline_stages VALUES ('${PIPELINE}', 'x', 9, 'X', 1)`);
    await refused(`UPDATE analytics.deals SET amount = 0`);
    await refused(`DELETE FROM analytics.orders`);
    await refused('CREATE TABLE analytics.mine (id int)');
    await refused('CREATE TABLE public.mine (id int)');
    await refused('CREATE VIEW analytics.mine AS SELECT 1');
    const [role] = await harness.rows<{ rolcanlogin: boolean; rolsuper: boolean }>(
      `SELECT rolcanlogin, rolsuper FROM pg_roles WHERE rolname = 'ledgerline_analyst'`,
    );
    expect(role).toEqual({ rolcanlogin: false, rolsuper: false });
  });
});
