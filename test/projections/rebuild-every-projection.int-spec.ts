import { DEFAULT_PIPELINE_DEFINED } from '@ledgerline/domain';
import { PROJECTIONS, rebuildProjection, type Projection } from '@ledgerline/projections';
import { decidePlan } from '../../apps/cli/src/seed/decide-plan';
import { planDemoData } from '../../apps/cli/src/seed/demo-plan';
import { projectionHarness, type ProjectionHarness } from '../../libs/projections/src/testing/projection-harness';

const END = new Date('2026-11-01T00:00:00Z');
const segment = (n: number, rule: unknown) => ({
  streamId: `segment-0b6c2d1e-5555-4a1a-8a1a-00000000000${n}`,
  event: {
    type: 'SegmentDefined',
    data: { segmentId: `0b6c2d1e-5555-4a1a-8a1a-00000000000${n}`, name: `S${n}`, description: null, rule, definedAt: END.toISOString() },
  },
});

/**
 * Segment stays are dated with the time of the batch that saw the change, and batches of a replay are larger than
 * live ones: who is a member is the same, the dates of stays may differ (docs/read-models.md, "When members move").
 */
const ROWS_OF: Readonly<Record<string, string>> = {
  'crm.segment_memberships': 'SELECT segment_id, customer_id FROM crm.segment_memberships WHERE left_at IS NULL',
};

describe('a rebuild of every projection from the log', () => {
  let harness: ProjectionHarness;
  beforeAll(async () => {
    harness = await projectionHarness();
    await harness.given(`pipeline-${DEFAULT_PIPELINE_DEFINED.data.pipelineId}`, [DEFAULT_PIPELINE_DEFINED]);
    const segments = [
      segment(1, {
        all: [
          { fact: 'orderCount', op: 'gte', value: 2 },
          { fact: 'lifecycleStage', op: 'eq', value: 'customer' },
        ],
      }),
      segment(2, {
        any: [
          { fact: 'tags', op: 'hasAny', value: ['vip'] },
          { fact: 'openPipelineValue', op: 'gt', value: { amount: '0', currency: 'EUR' } },
        ],
      }),
    ];
    await harness.given(segments[0].streamId, [segments[0].event]);
    const steps = planDemoData({ seed: 7, customers: 40, end: END });
    for (const [index, { step, streamId, events }] of [...decidePlan(steps)].entries()) {
      await harness.given(streamId, events, { occurredAt: step.now.toISOString(), actor: { type: 'system', id: 'test' } });
      if (index === Math.floor(steps.length / 2)) await harness.given(segments[1].streamId, [segments[1].event]);
    }
  }, 120_000);
  afterAll(() => harness.close());

  /** One checksum per table: equal checksums, equal rows. */
  const checksums = async (projection: Projection): Promise<Record<string, { sum: string; count: number }>> =>
    Object.fromEntries(
      await Promise.all(
        projection.tables.map(async (table) => {
          const rows = ROWS_OF[table] ?? `SELECT * FROM ${table}`;
          const [{ sum, count }] = await harness.rows<{ sum: string; count: number }>(
            `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum, count(*)::int AS count FROM (${rows}) AS t`,
          );
          return [table, { sum, count }];
        }),
      ),
    );

  it.each(PROJECTIONS.filter((projection) => projection.tables.length > 0).map((projection) => [projection.name, projection] as const))(
    '%s: the same rows as the live run, table by table',
    async (_name, projection) => {
      const runner = await harness.catchUp(projection, { batchSize: 7 });
      await runner.stop();
      const live = await checksums(projection);
      // The demo history fills every table: an empty one would prove nothing.
      expect(Object.entries(live).filter(([, { count }]) => count === 0)).toEqual([]);
      await rebuildProjection(projection, harness.store, harness.dataSource, () => undefined);
      expect(await checksums(projection)).toEqual(live);
    },
  );
});
