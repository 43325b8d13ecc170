import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { inTransaction } from '../runner/in-transaction';
import { liveTarget } from '../runner/projection';
import { READ_MODEL_DATABASE } from '../tokens';
import { recomputeRfmScores } from './rfm-scores';
import { activeSegments, lockMemberships, refreshMembership } from './segment-membership';
import { CUSTOMER_TABLES } from '../read-model-tables';

export type SegmentRefresh = Readonly<{ at: string; rfmScored: number | null; segments: number; entered: number; left: number }>;

/**
 * Moves members that no event moves: relative-time rules as time passes, RFM rules as scores are
 * recomputed. Runs on a schedule (SegmentSchedule) and on demand (the admin API).
 */
@Injectable()
export class SegmentRefresher {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: DataSource) {}

  /** With `rfm`, recomputes RFM scores first and re-decides RFM-based segments too. */
  async refresh({ rfm }: { rfm: boolean }, now: Date = new Date()): Promise<SegmentRefresh> {
    const rfmScored = rfm ? await inTransaction(this.db, (sql) => recomputeRfmScores(sql, now)) : null;
    const at = now.toISOString();
    return inTransaction(this.db, async (sql) => {
      const target = liveTarget(sql);
      await lockMemberships(target);
      const segments = await activeSegments(sql, target.table(CUSTOMER_TABLES.segments), rfm ? 'time_based OR rfm_based' : 'time_based');
      const totals = { entered: 0, left: 0 };
      for (const segment of segments) {
        const moved = await refreshMembership(target, segment, at);
        totals.entered += moved.entered;
        totals.left += moved.left;
      }
      return { at, rfmScored, segments: segments.length, ...totals };
    });
  }
}
