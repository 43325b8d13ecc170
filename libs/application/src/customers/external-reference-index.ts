import {
  customerDecider,
  externalReferenceClaimDecider,
  ExternalReferenceTaken,
  isAbandoned,
  type CustomerEvent,
  type CustomerState,
  type ExternalReferenceClaimCommand,
} from '@ledgerline/domain';
import type { RecordedEvent } from '@ledgerline/event-store';
import { v5 as uuidv5 } from 'uuid';
import type { CommandContext } from '../command-context';
import type { AppendGuard, DeciderRunner } from '../decider-runner';
import { streamIds } from '../records/stream-ids';

export type ExternalReferenceHolder = Readonly<{ customerId: string; revision: number }>;
export type ExternalReference = Readonly<{ system: string; externalId: string }>;

const NEW_CUSTOMER_NAMESPACE = '5b0f7c1e-2d4a-4f7e-9c3b-8a6e1d2f4b70';

/**
 * The id a customer created from another system's record gets: derived from that record's id, so that two upserts
 * of a new customer (a redelivered message, an import run twice) can never register it twice.
 */
export const customerIdForExternalRef = (system: string, externalId: string): string =>
  uuidv5(`${system}\n${externalId.trim()}`, NEW_CUSTOMER_NAMESPACE);

const CLAIM_NAMESPACE = '9e4c2a71-5d3b-4f86-a0c7-3b1e8d6f2a54';
/** Far longer than any command takes, retries included: see isAbandoned. */
const CLAIM_LEASE_MS = 5 * 60_000;

/** A uuid, not the raw id, in the stream name: external ids may hold any character, stream ids stay well-formed. */
export const externalReferenceClaimStream = (system: string, externalId: string): string =>
  `extref-${uuidv5(`${system}\n${externalId}`, CLAIM_NAMESPACE)}`;

/** A customer command's context for the claims it writes: If-Match concerns the customer, not its claims. */
export const claimContext = (context: CommandContext): CommandContext => ({ ...context, expectedRevision: undefined });

const links = (state: CustomerState, system: string, externalId: string): boolean =>
  state.status !== 'none' && Object.hasOwn(state.externalReferences, system) && state.externalReferences[system] === externalId;

/**
 * The write-side index from an id in another system to the one customer that holds it: a claim stream per
 * (system, id), written before the customer's link event, on any event store. Lookups need no read model, so
 * they see a link as soon as its command answered, and two writers racing for one id cannot both link it.
 * docs/adr/0006-external-reference-claims.md explains the order of writes and what a crash between them leaves.
 */
export class ExternalReferenceIndex {
  /** Keeps the claims in step with a customer's link and unlink events. */
  readonly guard: AppendGuard<CustomerEvent> = {
    beforeAppend: async (events, context) => {
      for (const { type, data } of events) {
        if (type === 'CustomerExternalReferenceLinked') await this.claim(data.system, data.externalId, data.customerId, context);
      }
    },
    afterAppend: async (events, context) => {
      for (const { type, data } of events) {
        if (type === 'CustomerExternalReferenceUnlinked') await this.release(data.system, data.externalId, data.customerId, context);
        if (type === 'CustomerExternalReferenceLinked' && data.previousExternalId !== null) {
          await this.release(data.system, data.previousExternalId, data.customerId, context);
        }
      }
    },
  };

  constructor(
    private readonly runner: DeciderRunner,
    private readonly leaseMs = CLAIM_LEASE_MS,
  ) {}

  /** The customer linked to the id, with its revision; undefined when none is. */
  async holderOf(system: string, externalId: string): Promise<ExternalReferenceHolder | undefined> {
    return (await this.holdersOf([{ system, externalId }]))[0];
  }

  /** holderOf for many ids, in two reads of the store whatever their number. */
  async holdersOf(references: readonly ExternalReference[]): Promise<(ExternalReferenceHolder | undefined)[]> {
    return (await this.holdersWithStreams(references)).holders;
  }

  /** holdersOf, with the holders' streams as read (a batch writer about to write to them need not read them again). */
  async holdersWithStreams(references: readonly ExternalReference[]): Promise<{
    holders: (ExternalReferenceHolder | undefined)[];
    streams: ReadonlyMap<string, readonly RecordedEvent[]>;
  }> {
    const claimStreams = references.map(({ system, externalId }) => externalReferenceClaimStream(system, externalId));
    const claims = await this.runner.loadMany(externalReferenceClaimDecider, [...new Set(claimStreams)]);
    const holderOf = (index: number) => claims.get(claimStreams[index])?.state.holder ?? null;
    const holderIds = [...new Set(references.map((_, index) => holderOf(index)).filter((holder) => holder !== null))];
    const loaded = await this.runner.loadMany(customerDecider, holderIds.map(streamIds.customer));
    const holders = references.map(({ system, externalId }, index) => {
      const customerId = holderOf(index);
      const holder = customerId === null ? undefined : loaded.get(streamIds.customer(customerId));
      return customerId !== null && holder?.revision !== undefined && links(holder.state, system, externalId)
        ? { customerId, revision: holder.revision }
        : undefined;
    });
    return { holders, streams: new Map([...loaded].map(([streamId, record]) => [streamId, record.events])) };
  }

  /**
   * Claims an id for a customer that links it already (a link written before claims existed): 'claimed' (or held
   * already), 'not-linked' when the customer no longer links it, 'taken' when another customer holds it.
   */
  async adopt(
    system: string,
    externalId: string,
    customerId: string,
    context: CommandContext,
  ): Promise<'claimed' | 'not-linked' | 'taken'> {
    if (!(await this.holderLinks(customerId, system, externalId))) return 'not-linked';
    try {
      await this.claim(system, externalId, customerId, context);
      return 'claimed';
    } catch (error) {
      if (error instanceof ExternalReferenceTaken) return 'taken';
      throw error;
    }
  }

  private async claim(system: string, externalId: string, customerId: string, context: CommandContext): Promise<void> {
    const claim = await this.claimOf(system, externalId);
    const other = claim.holder !== null && claim.holder !== customerId ? claim.holder : undefined;
    const takeOverFrom =
      other !== undefined && isAbandoned(claim, await this.holderLinks(other, system, externalId), context.now, this.leaseMs)
        ? other
        : undefined;
    await this.execute(
      { type: 'ClaimExternalReference', data: { system, externalId, customerId, takeOverFrom }, metadata: { now: context.now } },
      context,
    );
  }

  private release(system: string, externalId: string, customerId: string, context: CommandContext): Promise<void> {
    return this.execute(
      { type: 'ReleaseExternalReference', data: { system, externalId, customerId }, metadata: { now: context.now } },
      context,
    );
  }

  private async execute(command: ExternalReferenceClaimCommand, context: CommandContext): Promise<void> {
    const { system, externalId } = command.data;
    await this.runner.execute(
      externalReferenceClaimDecider,
      externalReferenceClaimStream(system, externalId),
      command,
      claimContext(context),
    );
  }

  private async claimOf(system: string, externalId: string) {
    return (await this.runner.load(externalReferenceClaimDecider, externalReferenceClaimStream(system, externalId))).state;
  }

  private async holderLinks(customerId: string, system: string, externalId: string): Promise<boolean> {
    return links((await this.runner.load(customerDecider, streamIds.customer(customerId))).state, system, externalId);
  }
}
