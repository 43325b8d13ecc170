import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type GlobalPosition } from '@ledgerline/event-store';
import { SYSTEM_ACTOR, type CommandContext } from '../command-context';
import { writeOnce } from '../records/write-once';
import { ExternalReferenceIndex } from './external-reference-index';

/** Says the backfill is done, so that later starts skip it. */
export const EXTERNAL_REFERENCE_BACKFILL_STREAM = 'extref-backfill';
export const EXTERNAL_REFERENCES_BACKFILLED = 'ExternalReferencesBackfilled';
const PAGE = 1_000;
const REPORT_EVERY = 100_000;

type Counts = Record<'claimed' | 'not-linked' | 'taken', number>;

/**
 * Links written before the claim streams existed get their claims, once per installation, before anything looks
 * them up: the first start after the upgrade reads the log page by page and adopts every link a customer still holds.
 * An id that two customers link (possible before claims) stays with the one that linked it first.
 */
@Injectable()
export class ExternalReferenceBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger('ExternalReferences');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly index: ExternalReferenceIndex,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.store.readStream(EXTERNAL_REFERENCE_BACKFILL_STREAM, { maxCount: 1 })).length > 0) return;
    const counts: Counts = { claimed: 0, 'not-linked': 0, taken: 0 };
    let read = 0;
    let after: GlobalPosition | undefined;
    for (let page = await this.store.readAll({ limit: PAGE }); page.length > 0; page = await this.store.readAll({ after, limit: PAGE })) {
      for (const event of page) {
        if (event.type !== 'CustomerExternalReferenceLinked') continue;
        const { system, externalId, customerId } = event.data as { system: string; externalId: string; customerId: string };
        counts[await this.index.adopt(system, externalId, customerId, this.context(event.id))]++;
      }
      if (Math.floor((read + page.length) / REPORT_EVERY) > Math.floor(read / REPORT_EVERY)) {
        this.logger.log(`Claiming existing external ids: ${read + page.length} events read`);
      }
      read += page.length;
      after = page[page.length - 1].position;
    }
    await this.markDone(counts, read);
  }

  private async markDone(counts: Counts, read: number): Promise<void> {
    // Another process may finish first: its claims are the same.
    await writeOnce(this.store, EXTERNAL_REFERENCE_BACKFILL_STREAM, EXTERNAL_REFERENCES_BACKFILLED, { ...counts, eventsRead: read });
    if (counts.claimed + counts.taken > 0) {
      this.logger.log(
        `Claimed ${counts.claimed} existing external ids; ${counts.taken} were linked to a second customer too and stay with the first`,
      );
    }
  }

  /** Keyed by the link event: concurrent backfills (several processes starting) append each claim once. */
  private context(linkEventId: string): CommandContext {
    return {
      actor: SYSTEM_ACTOR,
      correlationId: linkEventId,
      causationId: linkEventId,
      idempotencyKey: `ledgerline:external-reference-backfill:${linkEventId}`,
      source: 'bootstrap',
      now: new Date(),
    };
  }
}
