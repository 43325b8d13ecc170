import { DEAL_EVENT_TYPES, dealDecider, type Deal, type DealEvent, type DealState, type PipelineEvent } from '@ledgerline/domain';
import type { Projection, ProjectionTarget } from '../runner/projection';
import { ofTypes, type ProjectedEvent } from '../runner/projected-event';
import { upsertRows } from '../runner/upsert';
import { iso } from '../runner/iso';
import { PIPELINE_TABLES } from '../read-model-tables';

const PIPELINE_TYPES = ['PipelineDefined', 'PipelineStagesChanged'] as const satisfies readonly PipelineEvent['type'][];

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

/** What the fold keeps per deal: its state as the domain sees it, and the history rows it touched (the last one is the current stage). */
type DealFold = { state: DealState; revision: number; history: StageHistoryRow[] };

/** The row keeps the current stage only; the domain's `evolve` needs no more of the history to go on. */
const toDeal = (row: DealRow): Deal => ({
  status: row.status,
  dealId: row.deal_id,
  customerId: row.customer_id,
  title: row.title,
  amount: row.amount,
  currency: row.currency,
  pipelineId: row.pipeline_id,
  stageId: row.stage_id,
  probability: row.probability,
  expectedCloseDate: row.expected_close_date,
  owner: row.owner,
  stageHistory: [{ stageId: row.stage_id, enteredAt: row.stage_entered_at }],
  openedAt: row.opened_at,
  closedAt: row.closed_at,
  lostReason: row.lost_reason,
});

const toRow = (deal: Deal, revision: number): DealRow => ({
  deal_id: deal.dealId,
  customer_id: deal.customerId,
  title: deal.title,
  amount: deal.amount,
  currency: deal.currency,
  pipeline_id: deal.pipelineId,
  stage_id: deal.stageId,
  probability: deal.probability,
  expected_close_date: deal.expectedCloseDate,
  owner: deal.owner,
  status: deal.status,
  opened_at: iso(deal.openedAt),
  closed_at: iso(deal.closedAt),
  stage_entered_at: iso(deal.stageHistory[deal.stageHistory.length - 1].enteredAt),
  lost_reason: deal.lostReason,
  revision,
});

/** The deals' current rows and their latest stage-history row, loaded in two statements. */
async function loadDeals(target: ProjectionTarget, dealIds: readonly string[]): Promise<Map<string, DealFold>> {
  const folds = new Map<string, DealFold>(dealIds.map((id) => [id, { state: dealDecider.initialState(), revision: -1, history: [] }]));
  const rows: (Omit<DealRow, 'opened_at' | 'closed_at' | 'stage_entered_at'> & {
    opened_at: Date;
    closed_at: Date | null;
    stage_entered_at: Date;
  })[] = await target.sql.query(
    `SELECT deal_id, customer_id, title, amount::text AS amount, currency, pipeline_id, stage_id, probability,
              expected_close_date::text AS expected_close_date, owner, status, opened_at, closed_at, stage_entered_at,
              lost_reason, revision
       FROM ${target.table(PIPELINE_TABLES.deals)} WHERE deal_id = ANY($1::uuid[])`,
    [dealIds],
  );
  for (const row of rows) {
    const fold = folds.get(row.deal_id)!;
    fold.state = toDeal({
      ...row,
      opened_at: iso(row.opened_at),
      closed_at: iso(row.closed_at),
      stage_entered_at: iso(row.stage_entered_at),
    });
    fold.revision = row.revision;
  }
  const latest: (Omit<StageHistoryRow, 'entered_at' | 'left_at'> & { entered_at: Date; left_at: Date | null })[] = await target.sql.query(
    `SELECT DISTINCT ON (deal_id) deal_id, seq, stage_id, entered_at, left_at
     FROM ${target.table(PIPELINE_TABLES.stageHistory)} WHERE deal_id = ANY($1::uuid[]) ORDER BY deal_id, seq DESC`,
    [dealIds],
  );
  for (const row of latest) {
    folds.get(row.deal_id)!.history.push({ ...row, entered_at: iso(row.entered_at), left_at: iso(row.left_at) });
  }
  return folds;
}

/** Closes the current stage-history row (if still open) and, when `next` is given, opens the next one. */
function moveStage(fold: DealFold, at: string, next?: { deal_id: string; stage_id: string }): void {
  const current = fold.history.at(-1);
  if (current && current.left_at === null) fold.history[fold.history.length - 1] = { ...current, left_at: at };
  if (next) fold.history.push({ ...next, seq: (current?.seq ?? 0) + 1, entered_at: at, left_at: null });
}

/** Evolves the deal as the write side does; a stage entered or a close ends the current stage-history row. */
function applyDealEvent(fold: DealFold, event: ProjectedEvent<DealEvent>): void {
  const before = fold.state;
  const after = dealDecider.evolve(before, event);
  if (after.status === 'none') return;
  const entered = after.stageHistory.length > (before.status === 'none' ? 0 : before.stageHistory.length);
  if (entered) {
    const stage = after.stageHistory[after.stageHistory.length - 1];
    moveStage(fold, iso(stage.enteredAt), { deal_id: after.dealId, stage_id: stage.stageId });
  } else if (before.status === 'open' && after.closedAt !== null) {
    moveStage(fold, iso(after.closedAt));
  }
  fold.state = after;
  fold.revision = event.revision;
}

/** Folds the batch's deal events onto the rows they touch and writes them back in two statements. */
async function projectDeals(events: readonly ProjectedEvent<DealEvent>[], target: ProjectionTarget): Promise<void> {
  if (events.length === 0) return;
  const folds = await loadDeals(target, [...new Set(events.map((event) => event.data.dealId))]);
  for (const event of events) applyDealEvent(folds.get(event.data.dealId)!, event);
  const touched = [...folds.values()];
  await upsertRows(
    target,
    PIPELINE_TABLES.deals,
    ['deal_id'],
    touched.flatMap(({ state, revision }) => (state.status === 'none' ? [] : [toRow(state, revision)])),
  );
  await upsertRows(
    target,
    PIPELINE_TABLES.stageHistory,
    ['deal_id', 'seq'],
    touched.flatMap((fold) => fold.history),
  );
}

/** Stage order, names and probabilities of each pipeline: the latest complete list wins (stages are never removed). */
async function projectPipelineStages(
  events: readonly ProjectedEvent<Extract<PipelineEvent, { type: (typeof PIPELINE_TYPES)[number] }>>[],
  target: ProjectionTarget,
): Promise<void> {
  const latest = new Map(
    events.map((event) => [event.data.pipelineId, event.type === 'PipelineDefined' ? event.data.stages : event.data.to]),
  );
  const rows = [...latest].flatMap(([pipelineId, stages]) =>
    stages.map((stage, position) => ({
      pipeline_id: pipelineId,
      stage_id: stage.id,
      position,
      name: stage.name,
      probability: stage.probability,
    })),
  );
  await upsertRows(target, PIPELINE_TABLES.stages, ['pipeline_id', 'stage_id'], rows);
}

/**
 * The pipeline read model: one row per deal (its current stage, amount, status), the stage history of every deal,
 * and the stage order of every pipeline, from which the pipeline summary and forecast are read.
 * Every deal event changes the deal's row (at least its revision).
 */
export const pipelineProjection: Projection<DealEvent | PipelineEvent> = {
  name: 'pipeline',
  version: 1,
  eventTypes: [...PIPELINE_TYPES, ...DEAL_EVENT_TYPES],
  tables: Object.values(PIPELINE_TABLES),
  async handle(events, target): Promise<void> {
    await projectPipelineStages(ofTypes(events, PIPELINE_TYPES), target);
    await projectDeals(ofTypes(events, DEAL_EVENT_TYPES), target);
  },
};
