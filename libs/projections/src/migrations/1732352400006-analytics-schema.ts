import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ANALYST_ROLE, createAnalyticsView, day, literal, owner, same, type View } from './analytics-views';

export { ANALYST_ROLE } from './analytics-views';

/**
 * The analysts' contract: views, never the tables, so the read models may change behind them. No personal data
 * (names, e-mail, phone, custom fields, free texts, event payloads). Frozen with this migration: change them in a new one.
 */
export const VIEWS_OF_MIGRATION_6: readonly View[] = [
  {
    name: 'freshness',
    comment: 'How far each read model has got: the views show every event up to its position',
    from: 'public.projection_checkpoints',
    columns: [
      ['projection', 'name', 'The projection: analytics, customers, pipeline, audit-timeline...'],
      same('position', 'Position of the last event of the log it applied'),
      same('state', 'live, standby, rebuilding, failed or stopped'),
      same('updated_at', 'When its checkpoint last moved or its state changed'),
    ],
  },
  {
    name: 'customers',
    comment: 'One row per customer, without personal data (no name, e-mail, phone, custom fields, external ids)',
    from: 'crm.customers',
    columns: [
      same('customer_id', 'The customer'),
      same('kind', 'company or person'),
      same('country', 'ISO 3166-1 alpha-2 code; null when unknown'),
      same('industry', 'Industry; null when unknown'),
      same('owner', 'User responsible for the customer now; null when none'),
      same('lifecycle_stage', 'lead, prospect, customer or churned, now'),
      same('tags', 'Tags, as a text array'),
      same('status', 'active or archived'),
      same('registered_at', 'When the customer was registered'),
      same('archived_at', 'When the customer was archived; null while active'),
      same('open_deals', 'Deals open now'),
      same('won_deals', 'Deals won (and not reopened)'),
      same('lost_deals', 'Deals lost (and not reopened)'),
      same('interaction_count', 'Interactions not deleted'),
      same('last_interaction_at', 'When the latest interaction took place'),
      same('last_interaction_channel', 'Channel of the latest interaction'),
      same('order_count', 'Purchases recorded'),
      same('first_purchase_at', 'When the first purchase happened'),
      same('last_purchase_at', 'When the latest purchase happened'),
    ],
  },
  {
    name: 'deals',
    comment: 'One row per deal, as it is now (no title, no lost reason: free texts)',
    from: 'crm.deals',
    columns: [
      same('deal_id', 'The deal'),
      same('customer_id', 'The customer the deal is with'),
      same('pipeline_id', 'Its pipeline'),
      same('stage_id', 'Its current stage (the stage it was closed in, once closed)'),
      same('amount', 'Current amount, exact; for a won deal the amount won'),
      same('currency', 'ISO 4217 code of amount; amounts are never converted'),
      same('probability', 'Percent: the stage probability when the deal entered its stage'),
      same('expected_close_date', 'Expected close date; null when unknown'),
      same('owner', 'Current owner; null when none'),
      same('status', 'open, won or lost'),
      same('opened_at', 'When the deal was opened'),
      same('closed_at', 'When it was won or lost; null while open (cleared on reopening)'),
      same('stage_entered_at', 'When it entered its current stage'),
      ['opened_day', `(opened_at AT TIME ZONE 'UTC')::date`, 'UTC date of opened_at'],
      ['closed_day', `(closed_at AT TIME ZONE 'UTC')::date`, 'UTC date of closed_at; null while open'],
    ],
  },
  {
    name: 'deal_stage_history',
    comment: 'One row per stage a deal entered (opened, moved, reopened)',
    from: 'crm.deal_stage_history',
    columns: [
      same('deal_id', 'The deal'),
      same('seq', '1, 2, ... in the order the deal entered its stages'),
      same('stage_id', 'The stage entered'),
      same('entered_at', 'When the deal entered it'),
      same('left_at', 'When it moved on, was won or lost; null while the deal is in it'),
    ],
  },
  {
    name: 'pipeline_stages',
    comment: 'The stage order of each pipeline (its latest definition)',
    from: 'crm.pipeline_stages',
    columns: [
      same('pipeline_id', 'The pipeline'),
      same('stage_id', 'The stage'),
      same('position', '0 = first stage'),
      same('name', 'Stage name'),
      same('probability', 'Default win probability of the stage, percent'),
    ],
  },
  {
    name: 'audit_timeline',
    comment: 'Who changed what and when: one row per event per record it affects, without the event data (summary, changes)',
    from: 'crm.audit_timeline',
    columns: [
      same('event_id', 'The event'),
      same('record_kind', 'customer, deal, interaction or pipeline: the affected record'),
      same('record_id', 'The affected record'),
      same('position', 'Position of the event in the log: orders the timeline'),
      same('customer_id', 'The customer the record belongs to; null for pipelines'),
      same('stream_id', 'The stream of the event, <kind>-<id>: the record the event is about'),
      same('revision', 'Revision of the event in its stream, from 0'),
      same('type', 'Event type (docs/event-catalog.md)'),
      same('occurred_at', 'When the command was decided'),
      same('recorded_at', 'When the event store committed the event'),
      ['actor_type', `actor->>'type'`, 'user or integration'],
      ['actor_id', `actor->>'id'`, 'Id of the user or integration principal'],
      same('source', 'Entry point: api, cli, kafka:<topic>...'),
      same('correlation_id', 'The request or message the work started from'),
      same('causation_id', 'The request, message or event that caused this event'),
    ],
  },
  {
    name: 'daily_customer_facts',
    comment: 'Lifecycle moves per day, owner (at the time) and stage; customers in a stage at T = sum(net_change) over days before T',
    from: 'crm.daily_customer_facts',
    columns: [
      day,
      owner,
      same('lifecycle_stage', 'The lifecycle stage the counters are about'),
      same('new_customers', 'Customers registered that day in this stage'),
      same('entered', 'Customers that entered the stage: registrations and lifecycle moves into it'),
      same('exited', 'Customers that left the stage by a lifecycle move'),
      same('transferred_in', 'Customers in the stage that were assigned to this owner'),
      same('transferred_out', 'Customers in the stage that were assigned away from this owner'),
      ['net_change', 'entered + transferred_in - exited - transferred_out', 'Change of the number of customers in the stage'],
    ],
  },
  {
    name: 'daily_deal_facts',
    comment: 'Deals opened, won and lost per day, current owner, pipeline and currency; each deal as it is now',
    from: 'crm.daily_deal_facts',
    columns: [
      day,
      ['owner', `nullif(owner, '')`, 'Current owner of the deals; null: no owner'],
      same('pipeline_id', 'Their pipeline'),
      same('currency', 'Currency of the amounts (the deals current currency)'),
      same('opened', 'Deals opened that day'),
      same('won', 'Deals won that day (and not reopened since)'),
      same('lost', 'Deals lost that day (and not reopened since)'),
      same('opened_amount', 'Sum of the current amounts of the deals opened that day'),
      same('won_amount', 'Sum of the amounts won that day'),
      same('lost_amount', 'Sum of the amounts of the deals lost that day'),
      same('won_cycle_seconds', 'Sum over the deals won that day of (won at - opened at), in seconds'),
    ],
  },
  {
    name: 'daily_interaction_facts',
    comment: 'Interactions (not deleted) per day they took place, owner of the customer when logged, channel and direction',
    from: 'crm.daily_interaction_facts',
    columns: [
      day,
      owner,
      same('channel', 'email, phone, meeting, sms, chat, web, post or note'),
      same('direction', 'inbound or outbound'),
      same('interactions', 'Number of interactions'),
    ],
  },
  {
    name: 'daily_purchase_facts',
    comment: 'Purchases per day they happened, owner of the customer when recorded, and currency',
    from: 'crm.daily_purchase_facts',
    columns: [
      day,
      owner,
      same('currency', 'Currency of the orders'),
      same('orders', 'Orders'),
      same('revenue', 'Sum of the order amounts, exact'),
      same('customers', 'Distinct customers with an order that day (in this currency, under this owner)'),
    ],
  },
  {
    name: 'orders',
    comment: 'One row per purchase recorded',
    from: 'crm.analytics_orders',
    columns: [
      same('customer_id', 'The buyer'),
      same('order_id', 'The order id in the reporting system'),
      ['owner', 'owner', 'Owner of the customer when the purchase was recorded; null when none'],
      same('currency', 'Currency of amount'),
      same('amount', 'Order amount, exact'),
      same('occurred_at', 'When the purchase happened'),
      same('day', 'UTC date of occurred_at'),
    ],
  },
  {
    name: 'interactions',
    comment: 'One row per interaction not deleted, without its texts',
    from: 'crm.analytics_interactions',
    where: 'NOT deleted',
    columns: [
      same('interaction_id', 'The interaction'),
      same('customer_id', 'The customer it was with'),
      ['owner', 'owner', 'Owner of the customer when the interaction was logged; null when none'],
      same('channel', 'email, phone, meeting, sms, chat, web, post or note'),
      same('direction', 'inbound or outbound'),
      same('occurred_at', 'When it took place'),
      ['day', `(occurred_at AT TIME ZONE 'UTC')::date`, 'UTC date of occurred_at'],
    ],
  },
  {
    name: 'closed_deals',
    comment: 'Deals won or lost (and not reopened since), with their cycle length',
    from: 'crm.deals',
    where: `status IN ('won', 'lost')`,
    columns: [
      same('deal_id', 'The deal'),
      same('owner', 'Current owner; null when none'),
      same('pipeline_id', 'Its pipeline'),
      same('status', 'won or lost'),
      same('amount', 'Amount (won: the amount won)'),
      same('currency', 'Currency of amount'),
      same('opened_at', 'When it was opened'),
      same('closed_at', 'When it was won or lost'),
      ['closed_day', `(closed_at AT TIME ZONE 'UTC')::date`, 'UTC date of closed_at'],
      ['cycle_days', 'extract(epoch FROM closed_at - opened_at) / 86400', 'Days from opening to closing'],
    ],
  },
  {
    name: 'segments',
    comment: 'One row per segment: its rule and state (members in analytics.segment_memberships)',
    from: 'crm.segments',
    columns: [
      same('segment_id', 'The segment'),
      same('name', 'Its name'),
      same('rule', 'Its rule tree (jsonb), as documented in docs/read-models.md'),
      same('status', 'active or retired'),
      same('time_based', 'Its rule uses relative time: members also move as time passes'),
      same('rfm_based', 'Its rule uses RFM scores: members also move when scores are recomputed'),
      same('defined_at', 'When it was defined'),
      same('redefined_at', 'When its name, description or rule last changed; null if never'),
      same('retired_at', 'When it was retired; null while active'),
    ],
  },
  {
    name: 'segment_memberships',
    comment: 'One row per stay of a customer in a segment; left_at is null while the customer is a member',
    from: 'crm.segment_memberships',
    columns: [
      same('segment_id', 'The segment'),
      same('customer_id', 'The customer'),
      same('entered_at', 'When the stay began (the time the change was projected)'),
      same('left_at', 'When it ended; null while a member'),
    ],
  },
  {
    name: 'customer_rfm',
    comment: 'RFM quintile scores (1-5, 5 best) of active customers with purchases, as last recomputed',
    from: 'crm.customer_rfm',
    columns: [
      same('customer_id', 'The customer'),
      same('recency', '1-5 by last purchase, 5: most recent fifth'),
      same('frequency', '1-5 by order count'),
      same('monetary', '1-5 by total spent, ranked within currency'),
      same('currency', 'The main currency of the customer (most orders): what monetary ranks in'),
      same('computed_at', 'When the scores were computed'),
    ],
  },
  {
    name: 'monthly_revenue',
    comment: 'Orders and revenue per calendar month (UTC), owner and currency',
    from: 'crm.daily_purchase_facts',
    groupBy: `1, 2, 3`,
    columns: [
      ['month', `date_trunc('month', day::timestamp)::date`, 'First day of the month'],
      owner,
      same('currency', 'Currency'),
      ['orders', 'sum(orders)::int', 'Orders'],
      ['revenue', 'sum(revenue)', 'Revenue, exact'],
      ['average_order_value', 'round(sum(revenue) / nullif(sum(orders), 0), 4)', 'revenue / orders, 4 decimals'],
    ],
  },
  {
    name: 'monthly_deal_outcomes',
    comment: 'Deals won and lost per calendar month (UTC) of their close and current owner, with the win rate',
    from: 'crm.daily_deal_facts',
    groupBy: `1, 2`,
    columns: [
      ['month', `date_trunc('month', day::timestamp)::date`, 'First day of the month'],
      ['owner', `nullif(owner, '')`, 'Current owner of the deals; null: no owner'],
      ['won', 'sum(won)::int', 'Deals won'],
      ['lost', 'sum(lost)::int', 'Deals lost'],
      ['win_rate', 'round(sum(won)::numeric / nullif(sum(won) + sum(lost), 0), 4)', 'won / (won + lost), 4 decimals'],
    ],
  },
];

export class AnalyticsSchema1732352400006 implements MigrationInterface {
  name = 'AnalyticsSchema1732352400006';

  async up(sql: QueryRunner): Promise<void> {
    await sql.query(`CREATE SCHEMA analytics`);
    await sql.query(`COMMENT ON SCHEMA analytics IS ${literal('Stable, documented views for analysts (docs/read-models.md)')}`);
    for (const view of VIEWS_OF_MIGRATION_6) await createAnalyticsView(sql, view);
    // Roles belong to the cluster, not the database: another database may have created it already, or be doing so now.
    // Without the right to create roles, the views are still created and a DBA adds the role (docs/read-models.md).
    await sql.query(`
      DO $$
      BEGIN
        BEGIN
          CREATE ROLE ${ANALYST_ROLE} NOLOGIN;
        EXCEPTION
          WHEN duplicate_object OR unique_violation THEN NULL;
          WHEN insufficient_privilege THEN RAISE WARNING 'cannot create role ${ANALYST_ROLE}: ask a DBA (docs/read-models.md)';
        END;
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ANALYST_ROLE}') THEN
          GRANT USAGE ON SCHEMA analytics TO ${ANALYST_ROLE};
          GRANT SELECT ON ALL TABLES IN SCHEMA analytics TO ${ANALYST_ROLE};
        END IF;
      END $$`);
  }

  async down(sql: QueryRunner): Promise<void> {
    await sql.query(`DROP SCHEMA analytics CASCADE`);
    // Other databases of the cluster may still grant to the role: then it stays for them.
    await sql.query(`
      DO $$
      BEGIN
        DROP ROLE IF EXISTS ${ANALYST_ROLE};
      EXCEPTION WHEN dependent_objects_still_exist OR insufficient_privilege THEN
        RAISE NOTICE 'role ${ANALYST_ROLE} kept: still used elsewhere in the cluster';
      END $$`);
  }
}
