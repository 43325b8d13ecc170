import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '../cursor';
import { READ_MODEL_DATABASE } from '../tokens';
import type { DealRow } from './pipeline.projection';
import { PIPELINE_TABLES } from '../read-model-tables';

export type DealStatus = 'open' | 'won' | 'lost';

export type DealFilters = Readonly<{
  status?: DealStatus;
  pipelineId?: string;
  stageId?: string;
  owner?: string;
  customerId?: string;
  currency?: string;
}>;

export type DealSort = 'openedAt' | 'amount';

export type DealView = Readonly<{
  dealId: string;
  customerId: string;
  title: string;
  /** Decimal string, no trailing zeros. */
  amount: string;
  currency: string;
  pipelineId: string;
  stageId: string;
  probability: number;
  /** YYYY-MM-DD */
  expectedCloseDate: string | null;
  owner: string | null;
  status: DealStatus;
  openedAt: string;
  closedAt: string | null;
  stageEnteredAt: string;
  lostReason: string | null;
  revision: number;
}>;

export type DealPage = Readonly<{ items: DealView[]; nextCursor: string | null }>;

export type StageCurrencyFigures = Readonly<{
  currency: string;
  count: number;
  total: string;
  /** Sum of amount × probability / 100, exact. */
  weighted: string;
  /** Mean time the open deals have spent in the stage so far, in days (2 decimals). */
  averageAgeDays: number;
}>;

export type PipelineSummary = Readonly<{
  pipelineId: string;
  asOf: string;
  stages: { stageId: string; name: string | null; probability: number | null; byCurrency: StageCurrencyFigures[] }[];
}>;

export type ForecastRow = Readonly<{
  /** YYYY-MM, or null for open deals without an expected close date. */
  month: string | null;
  currency: string;
  count: number;
  total: string;
  weighted: string;
  /** Amount of the open deals in the pipeline's two latest stages (the ones closest to closing). */
  bestCase: string;
}>;

export type PipelineForecast = Readonly<{ pipelineId: string; bestCaseStages: string[]; months: ForecastRow[] }>;

type DealRecord = Omit<DealRow, 'opened_at' | 'closed_at' | 'stage_entered_at'> & {
  opened_at: Date;
  closed_at: Date | null;
  stage_entered_at: Date;
  sort_key: string;
};

const DEAL_COLUMNS = `deal_id, customer_id, title, trim_scale(amount)::text AS amount, currency, pipeline_id, stage_id, probability,
  expected_close_date::text AS expected_close_date, owner, status, opened_at, closed_at, stage_entered_at, lost_reason, revision`;

const dealView = (row: DealRecord): DealView => ({
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
  status: row.status,
  openedAt: row.opened_at.toISOString(),
  closedAt: row.closed_at?.toISOString() ?? null,
  stageEnteredAt: row.stage_entered_at.toISOString(),
  lostReason: row.lost_reason,
  revision: row.revision,
});

const SORT_COLUMNS: Readonly<Record<DealSort, { column: string; type: string }>> = {
  openedAt: { column: 'opened_at', type: 'timestamptz' },
  amount: { column: 'amount', type: 'numeric' },
};

/** A deal list's cursor: a sort key of the column's type and a deal id. */
const decodeDealCursor = (cursor: string, type: string): [string, string] =>
  decodeCursor(cursor, (key, id) => {
    const validKey = type === 'numeric' ? /^-?\d+(\.\d+)?$/.test(key) : !Number.isNaN(Date.parse(key));
    return validKey && /^[0-9a-f-]{36}$/i.test(id);
  });

/** Reads of the pipeline read model: deal lists, the pipeline summary per stage and the forecast by close month. */
@Injectable()
export class PipelineQueries {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: DataSource) {}

  async listDeals(filters: DealFilters, sort: DealSort, descending: boolean, limit: number, cursor?: string): Promise<DealPage> {
    const where: string[] = [];
    const parameters: unknown[] = [];
    const bind = (value: unknown) => `$${parameters.push(value)}`;
    const equal: Record<string, string | undefined> = {
      status: filters.status,
      pipeline_id: filters.pipelineId,
      stage_id: filters.stageId,
      owner: filters.owner,
      customer_id: filters.customerId,
      currency: filters.currency,
    };
    for (const [column, value] of Object.entries(equal)) if (value !== undefined) where.push(`d.${column} = ${bind(value)}`);
    // Qualified: the select list has an `amount` of its own (the trimmed text), which ORDER BY would pick.
    const { column: name, type } = SORT_COLUMNS[sort];
    const column = `d.${name}`;
    if (cursor !== undefined) {
      const [lastKey, lastId] = decodeDealCursor(cursor, type);
      where.push(`(${column}, d.deal_id) ${descending ? '<' : '>'} (${bind(lastKey)}::${type}, ${bind(lastId)}::uuid)`);
    }
    const direction = descending ? 'DESC' : 'ASC';
    const rows: DealRecord[] = await this.db.query(
      `SELECT ${DEAL_COLUMNS}, ${column}::text AS sort_key FROM ${PIPELINE_TABLES.deals} AS d
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${column} ${direction}, d.deal_id ${direction}
       LIMIT ${bind(limit + 1)}`,
      parameters,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(dealView),
      nextCursor: rows.length > limit && last ? encodeCursor(last.sort_key, last.deal_id) : null,
    };
  }

  /**
   * Open deals per stage (in the pipeline's order) and currency. Stages of the pipeline without open deals are listed
   * with no figures; stages that deals are in but the pipeline does not list (none, normally) come last.
   * `undefined` when the pipeline has neither stages nor deals.
   */
  async summary(pipelineId: string, asOf: Date = new Date()): Promise<PipelineSummary | undefined> {
    const rows: {
      stage_id: string;
      name: string | null;
      probability: number | null;
      currency: string | null;
      count: number | null;
      total: string | null;
      weighted: string | null;
      average_age_days: string | null;
    }[] = await this.db.query(
      `WITH figures AS (
         SELECT stage_id, currency, count(*)::int AS count,
                trim_scale(sum(amount))::text AS total,
                trim_scale(sum(amount * probability / 100))::text AS weighted,
                round(avg(extract(epoch FROM ($2::timestamptz - stage_entered_at))) / 86400, 2)::text AS average_age_days
         FROM ${PIPELINE_TABLES.deals} WHERE pipeline_id = $1 AND status = 'open'
         GROUP BY stage_id, currency)
       SELECT coalesce(s.stage_id, f.stage_id) AS stage_id, s.name, s.probability,
              f.currency, f.count, f.total, f.weighted, f.average_age_days
       FROM (SELECT * FROM ${PIPELINE_TABLES.stages} WHERE pipeline_id = $1) AS s
       FULL JOIN figures AS f ON f.stage_id = s.stage_id
       ORDER BY s.position NULLS LAST, coalesce(s.stage_id, f.stage_id), f.currency`,
      [pipelineId, asOf.toISOString()],
    );
    if (rows.length === 0) return undefined;
    const stages: PipelineSummary['stages'] = [];
    for (const row of rows) {
      let stage = stages.at(-1);
      if (stage?.stageId !== row.stage_id) {
        stage = { stageId: row.stage_id, name: row.name, probability: row.probability, byCurrency: [] };
        stages.push(stage);
      }
      if (row.currency !== null) {
        stage.byCurrency.push({
          currency: row.currency,
          count: row.count ?? 0,
          total: row.total ?? '0',
          weighted: row.weighted ?? '0',
          averageAgeDays: Number(row.average_age_days),
        });
      }
    }
    return { pipelineId, asOf: asOf.toISOString(), stages };
  }

  /** Open deals by expected close month and currency; `undefined` when the pipeline has neither stages nor deals. */
  async forecast(pipelineId: string): Promise<PipelineForecast | undefined> {
    const [known]: { known: boolean }[] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM ${PIPELINE_TABLES.stages} WHERE pipeline_id = $1)
           OR EXISTS (SELECT 1 FROM ${PIPELINE_TABLES.deals} WHERE pipeline_id = $1) AS known`,
      [pipelineId],
    );
    if (!known.known) return undefined;
    const bestCaseStages: { stage_id: string }[] = await this.db.query(
      `SELECT stage_id FROM ${PIPELINE_TABLES.stages} WHERE pipeline_id = $1 ORDER BY position DESC LIMIT 2`,
      [pipelineId],
    );
    const stageIds = bestCaseStages.map((stage) => stage.stage_id).reverse();
    const rows: { month: string | null; currency: string; count: number; total: string; weighted: string; best_case: string }[] =
      await this.db.query(
        `SELECT to_char(expected_close_date, 'YYYY-MM') AS month, currency, count(*)::int AS count,
                trim_scale(sum(amount))::text AS total,
                trim_scale(sum(amount * probability / 100))::text AS weighted,
                trim_scale(coalesce(sum(amount) FILTER (WHERE stage_id = ANY($2::text[])), 0))::text AS best_case
         FROM ${PIPELINE_TABLES.deals} WHERE pipeline_id = $1 AND status = 'open'
         GROUP BY 1, 2
         ORDER BY 1 NULLS LAST, 2`,
        [pipelineId, stageIds],
      );
    return {
      pipelineId,
      bestCaseStages: stageIds,
      months: rows.map((row) => ({
        month: row.month,
        currency: row.currency,
        count: row.count,
        total: row.total,
        weighted: row.weighted,
        bestCase: row.best_case,
      })),
    };
  }
}
