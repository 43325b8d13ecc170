import { type DealEvent } from '@ledgerline/domain';
import { DEAL_ID, dealLost, dealOpened, dealWon } from '@ledgerline/domain/deal/deal.fixtures';
import { projectionSpec } from '../testing/projection-spec';
import { pipelineProjection } from './pipeline.projection';

const opened = dealOpened({ stageId: 'lead', probability: 10, openedAt: '2026-03-01T00:00:00.000Z' });
const toDemo: DealEvent = {
  type: 'DealStageChanged',
  data: { dealId: DEAL_ID, from: 'lead', to: 'demo', probability: 40, changedAt: '2026-03-05T00:00:00.000Z' },
};
const won: DealEvent = { ...dealWon, data: { ...dealWon.data, stageId: 'demo', wonAt: '2026-03-08T00:00:00.000Z' } };
const reopened: DealEvent = {
  type: 'DealReopened',
  data: { dealId: DEAL_ID, from: 'won', stageId: 'demo', probability: 40, reopenedAt: '2026-03-10T00:00:00.000Z' },
};

const at = (day: string) => new Date(`${day}T00:00:00.000Z`);

const history = {
  query: `SELECT seq, stage_id, entered_at, left_at FROM crm.deal_stage_history ORDER BY seq`,
  rows: [
    { seq: 1, stage_id: 'lead', entered_at: at('2026-03-01'), left_at: at('2026-03-05') },
    // The close ends the stay in demo; reopening starts a new one, though in the same stage.
    { seq: 2, stage_id: 'demo', entered_at: at('2026-03-05'), left_at: at('2026-03-08') },
    { seq: 3, stage_id: 'demo', entered_at: at('2026-03-10'), left_at: null },
  ],
};
const deal = (row: Record<string, unknown>) => ({
  query: `SELECT status, stage_id, probability, closed_at, stage_entered_at, revision FROM crm.deals`,
  rows: [row],
});

describe('pipeline projection: a deal and its stage history', () => {
  const spec = projectionSpec(pipelineProjection);

  it('folds a win and a reopening within one batch as across batches', async () => {
    const reopenedRow = { status: 'open', stage_id: 'demo', probability: 40, closed_at: null, stage_entered_at: at('2026-03-10') };
    await spec.when(opened, toDemo, won, reopened).then(history, deal({ ...reopenedRow, revision: 3 }));
    await spec
      .given(opened, toDemo)
      .when(won)
      .when(reopened)
      .then(history, deal({ ...reopenedRow, revision: 3 }));
    await spec
      .given(opened, toDemo, won)
      .when(reopened)
      .then(history, deal({ ...reopenedRow, revision: 3 }));
  });

  it('closes the current stay when the deal is lost, and leaves it closed', async () => {
    const lost: DealEvent = { ...dealLost, data: { ...dealLost.data, stageId: 'lead', lostAt: '2026-03-02T00:00:00.000Z' } };
    await spec
      .given(opened)
      .when(lost)
      .then(
        {
          query: `SELECT seq, stage_id, left_at FROM crm.deal_stage_history`,
          rows: [{ seq: 1, stage_id: 'lead', left_at: at('2026-03-02') }],
        },
        deal({
          status: 'lost',
          stage_id: 'lead',
          probability: 10,
          closed_at: at('2026-03-02'),
          stage_entered_at: at('2026-03-01'),
          revision: 1,
        }),
      );
  });

  it('ignores events of a deal it never saw opened', async () => {
    await spec.when(toDemo, won).then({ query: `SELECT deal_id FROM crm.deals`, rows: [] });
  });
});
