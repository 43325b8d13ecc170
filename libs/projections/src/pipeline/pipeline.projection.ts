import { EVENT_TYPES } from '@ledgerline/domain';
import type { RecordedEvent } from '@ledgerline/event-store';
import type { Projection, ProjectionTarget } from '../runner/projection';
import { upsertRows } from '../runner/upsert';
import { iso } from '../runner/iso';

const DEALS = 'crm.deals';
const HISTORY = 'crm.deal_stage_history';
const STAGES = 'crm.pipeline_stages';

/** Every deal event: each one changes the deal's row (at least its revision). */
const DEAL_TYPES = new Set<string>(EVENT_TYPES.deal);
const PIPELINE_TYPES = new Set(['PipelineDefined', 'PipelineStagesChanged']);

export type DealRow = {
  deal_id: string;
  customer_id: string;
  title: string;
  amount: string;
  currency: string;
  pipeline_id: string;
  stage_id: string;
  probability: number;
  /** YYYY-MM-DD */
  expected_close_date: string | null;
  owner: string | null;
  status: 'open' | 'won' | 'lost';
  opened_at: string;
  closed_at: string | null;
  stage_entered_at: string;
  lost_reason: string | null;
  revision: number;
};

export type StageHistoryRow = { deal_id: string; seq: number; stage_id: string; entered_at: string; left_at: string | null };

type Stage = { id: string; name: string; probability: number };

/** What the fold keeps per deal: its row and the history rows it touched (the last one is the current stage). */
type DealFold = { row: DealRow | undefined; history: StageHistoryRow[] };

/** The deals' current rows and their latest stage-history row, loaded in two statements. */
async function loadDeals(target: ProjectionTarget, dealIds: readonly string[]): Promise<Map<string, DealFold>> {
  const folds = new Map<string, DealFold>(dealIds.map((id) => [id, { row: undefined, history: [] }]));
  const rows: (Omit<DealRow, 'opened_at' | 'closed_at' | 'stage_entered_at' | 'amount'> & {
    amount: string;
    opened_at: Date;
    closed_at: Date | null;
    stage_entered_at: Date;
  })[] = await target.sql.query(
    `SELECT deal_id, customer_id, title, amount::text AS amount, currency, pipeline_id, stage_id, probability,
            expected_close_date::text AS expected_close_date, owner, status, opened_at, closed_at, stage_entered_at,
            lost_reason, revision
     FROM ${target.table(DEALS)} WHERE deal_id = ANY($1::uuid[])`,
    [dealIds],
  );
  for (const row of rows) {
    folds.get(row.deal_id)!.row = {
      ...row,
      opened_at: iso(row.opened_at),
      closed_at: row.closed_at && iso(row.closed_at),
      stage_entered_at: iso(row.stage_entered_at),
    };
  }
  const latest: (Omit<StageHistoryRow, 'entered_at' | 'left_at'> & { entered_at: Date; left_at: Date | null })[] = await target.sql.query(
    `SELECT DISTINCT ON (deal_id) deal_id, seq, stage_id, entered_at, left_at
     FROM ${target.table(HISTORY)} WHERE deal_id = ANY($1::uuid[]) ORDER BY deal_id, seq DESC`,
    [dealIds],
  );
  for (const row of latest) {
    folds.get(row.deal_id)!.history.push({ ...row, entered_at: iso(row.entered_at), left_at: row.left_at && iso(row.left_at) });
  }
  return folds;
}

/** Closes the current stage-history row (if still open) and, when `next` is given, opens the next one. */
function moveStage(fold: DealFold, at: string, next?: { deal_id: string; stage_id: string }): void {
  const current = fold.history.at(-1);
  if (current && current.left_at === null) fold.history[fold.history.length - 1] = { ...current, left_at: at };
  if (next) fold.history.push({ ...next, seq: (current?.seq ?? 0) + 1, entered_at: at, left_at: null });
}

/** Applies one deal event to its fold, as the write side's deal state does. */
function applyDealEvent(fold: DealFold, event: RecordedEvent): void {
  const data = event.data;
  const dealId = String(data.dealId);
  if (event.type === 'DealOpened') {
    const openedAt = iso(String(data.openedAt));
    fold.row = {
      deal_id: dealId,
      customer_id: String(data.customerId),
      title: String(data.title),
      amount: String(data.amount),
      currency: String(data.currency),
      pipeline_id: String(data.pipelineId),
      stage_id: String(data.stageId),
      probability: Number(data.probability),
      expected_close_date: (data.expectedCloseDate as string | null) ?? null,
      owner: (data.owner as string | null) ?? null,
      status: 'open',
      opened_at: openedAt,
      closed_at: null,
      stage_entered_at: openedAt,
      lost_reason: null,
      revision: event.revision,
    };
    moveStage(fold, openedAt, { deal_id: dealId, stage_id: String(data.stageId) });
    return;
  }
  const row = fold.row;
  if (!row) return;
  const next: DealRow = { ...row, revision: event.revision };
  switch (event.type) {
    case 'DealStageChanged': {
      const at = iso(String(data.changedAt));
      Object.assign(next, { stage_id: String(data.to), probability: Number(data.probability), stage_entered_at: at });
      moveStage(fold, at, { deal_id: dealId, stage_id: String(data.to) });
      break;
    }
    case 'DealAmountChanged': {
      const to = data.to as { amount: string; currency: string };
      Object.assign(next, { amount: to.amount, currency: to.currency });
      break;
    }
    case 'DealExpectedCloseDateChanged':
      next.expected_close_date = (data.to as string | null) ?? null;
      break;
    case 'DealRenamed':
      next.title = String(data.to);
      break;
    case 'DealReassigned':
      next.owner = String(data.to);
      break;
    case 'DealWon': {
      const at = iso(String(data.wonAt));
      Object.assign(next, {
        status: 'won',
        closed_at: at,
        amount: String(data.amount),
        currency: String(data.currency),
        lost_reason: null,
      });
      moveStage(fold, at);
      break;
    }
    case 'DealLost': {
      const at = iso(String(data.lostAt));
      Object.assign(next, { status: 'lost', closed_at: at, lost_reason: String(data.reason) });
      moveStage(fold, at);
      break;
    }
    case 'DealReopened': {
      const at = iso(String(data.reopenedAt));
      Object.assign(next, {
        status: 'open',
        closed_at: null,
        lost_reason: null,
        stage_id: String(data.stageId),
        probability: Number(data.probability),
        stage_entered_at: at,
      });
      moveStage(fold, at, { deal_id: dealId, stage_id: String(data.stageId) });
      break;
    }
  }
  fold.row = next;
}

/** Folds the batch's deal events onto the rows they touch and writes them back in two statements. */
async function projectDeals(events: readonly RecordedEvent[], target: ProjectionTarget): Promise<void> {
  if (events.length === 0) return;
  const folds = await loadDeals(target, [...new Set(events.map((event) => String(event.data.dealId)))]);
  for (const event of events) applyDealEvent(folds.get(String(event.data.dealId))!, event);
  const touched = [...folds.values()];
  await upsertRows(
    target,
    DEALS,
    ['deal_id'],
    touched.flatMap((fold) => (fold.row ? [fold.row] : [])),
  );
  await upsertRows(
    target,
    HISTORY,
    ['deal_id', 'seq'],
    touched.flatMap((fold) => fold.history),
  );
}

/** Stage order, names and probabilities of each pipeline: the latest complete list wins (stages are never removed). */
async function projectPipelineStages(events: readonly RecordedEvent[], target: ProjectionTarget): Promise<void> {
  const latest = new Map<string, Stage[]>();
  for (const { type, data } of events) {
    latest.set(String(data.pipelineId), (type === 'PipelineDefined' ? data.stages : data.to) as Stage[]);
  }
  const rows = [...latest].flatMap(([pipelineId, stages]) =>
    stages.map((stage, position) => ({
      pipeline_id: pipelineId,
      stage_id: stage.id,
      position,
      name: stage.name,
      probability: stage.probability,
    })),
  );
  await upsertRows(target, STAGES, ['pipeline_id', 'stage_id'], rows);
}

/**
 * The pipeline read model: one row per deal (its current stage, amount, status), the stage history of every deal,
 * and the stage order of every pipeline, from which the pipeline summary and forecast are read.
 */
export const pipelineProjection: Projection = {
  name: 'pipeline',
  version: 1,
  eventTypes: new Set([...PIPELINE_TYPES, ...DEAL_TYPES]),
  tables: [DEALS, HISTORY, STAGES],
  async handle(events: readonly RecordedEvent[], target: ProjectionTarget): Promise<void> {
    await projectPipelineStages(
      events.filter((event) => PIPELINE_TYPES.has(event.type)),
      target,
    );
    await projectDeals(
      events.filter((event) => DEAL_TYPES.has(event.type)),
      target,
    );
  },
};
