/** One stream per record: `<kind>-<id>`. */
export const streamIds = {
  customer: (id: string) => `customer-${id}`,
  deal: (id: string) => `deal-${id}`,
  interaction: (id: string) => `interaction-${id}`,
  pipeline: (id: string) => `pipeline-${id}`,
  segment: (id: string) => `segment-${id}`,
} as const;

export type RecordKind = keyof typeof streamIds;
