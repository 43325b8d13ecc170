import { ProjectionCheckpoints1732352400000 } from './1732352400000-projection-checkpoints';
import { CustomersReadModel1732352400001 } from './1732352400001-customers-read-model';
import { AuditTimeline1732352400002 } from './1732352400002-audit-timeline';
import { PipelineReadModel1732352400003 } from './1732352400003-pipeline-read-model';
import { SegmentsReadModel1732352400004 } from './1732352400004-segments-read-model';
import { AnalyticsReadModel1732352400005 } from './1732352400005-analytics-read-model';
import { AnalyticsSchema1732352400006 } from './1732352400006-analytics-schema';
import { SegmentMembershipChanges1732352400007 } from './1732352400007-segment-membership-changes';
import { CustomerContactPoints1732352400008 } from './1732352400008-customer-contact-points';
import { CustomerErasure1732352400009 } from './1732352400009-customer-erasure';
import { ReportSnapshots1732352400010 } from './1732352400010-report-snapshots';
import { CustomerAddresses1732352400011 } from './1732352400011-customer-addresses';
import { PurchaseItems1732352400012 } from './1732352400012-purchase-items';
import { AnalyticsPurchaseCorrections1732352400013 } from './1732352400013-analytics-purchase-corrections';

/** In order. Never edit one that has shipped: add the next. */
export const READ_MODEL_MIGRATIONS = [
  ProjectionCheckpoints1732352400000,
  CustomersReadModel1732352400001,
  AuditTimeline1732352400002,
  PipelineReadModel1732352400003,
  SegmentsReadModel1732352400004,
  AnalyticsReadModel1732352400005,
  AnalyticsSchema1732352400006,
  SegmentMembershipChanges1732352400007,
  CustomerContactPoints1732352400008,
  CustomerErasure1732352400009,
  ReportSnapshots1732352400010,
  CustomerAddresses1732352400011,
  PurchaseItems1732352400012,
  AnalyticsPurchaseCorrections1732352400013,
];
