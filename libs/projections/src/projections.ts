import { analyticsProjection } from './analytics/analytics.projection';
import { auditTimelineProjection } from './audit/audit-timeline.projection';
import { customersProjection } from './customers/customers.projection';
import { pipelineProjection } from './pipeline/pipeline.projection';
import type { Projection } from './runner/projection';

/** Every read model the runner keeps. */
export const PROJECTIONS: readonly Projection[] = [customersProjection, auditTimelineProjection, pipelineProjection, analyticsProjection];
