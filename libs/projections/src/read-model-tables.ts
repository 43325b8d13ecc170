/**
 * Every table a projection writes, by read model: the one place their names are spelled (the migrations create
 * them; docs/read-models.md describes them). Schema-qualified and unquoted, as `ProjectionTarget.table` takes them.
 */
export const CUSTOMER_TABLES = {
  customers: 'crm.customers',
  deals: 'crm.customer_deals',
  interactions: 'crm.customer_interactions',
  purchases: 'crm.customer_purchases',
  purchaseItems: 'crm.customer_purchase_items',
  rfm: 'crm.customer_rfm',
  segments: 'crm.segments',
  memberships: 'crm.segment_memberships',
} as const;

export const PIPELINE_TABLES = {
  deals: 'crm.deals',
  stageHistory: 'crm.deal_stage_history',
  stages: 'crm.pipeline_stages',
} as const;

export const AUDIT_TABLES = {
  timeline: 'crm.audit_timeline',
  links: 'crm.audit_record_links',
} as const;

export const ANALYTICS_TABLES = {
  dailyCustomerFacts: 'crm.daily_customer_facts',
  dailyDealFacts: 'crm.daily_deal_facts',
  dailyInteractionFacts: 'crm.daily_interaction_facts',
  dailyPurchaseFacts: 'crm.daily_purchase_facts',
  dailyCategoryFacts: 'crm.daily_category_facts',
  customers: 'crm.analytics_customers',
  deals: 'crm.analytics_deals',
  interactions: 'crm.analytics_interactions',
  orders: 'crm.analytics_orders',
  orderItems: 'crm.analytics_order_items',
} as const;
