import { v5 as uuidv5 } from 'uuid';
import type { DealRequest, InteractionRequest, Unstamped } from '@ledgerline/application';
import {
  DEFAULT_PIPELINE,
  lifecycleStagesAfter,
  type Channel,
  type CustomerCommand,
  type LifecycleStage,
  type PurchaseItemInput,
} from '@ledgerline/domain';
import {
  CHANNEL_WEIGHTS,
  COMPANY_NOUNS,
  COMPANY_WORDS,
  COUNTRIES,
  DEAL_PRODUCTS,
  DIRECTION_WEIGHTS,
  FIRST_NAMES,
  INDUSTRIES,
  LAST_NAMES,
  LEAD_SOURCES,
  LOSS_REASONS,
  ORDER_TIERS,
  OUTCOMES,
  PRODUCTS,
  SALES_TEAM,
  SUBJECTS,
  TAGS,
} from './demo-catalog';
import { hashSeed, SeededRandom } from './seeded-random';

/** A command as a client would send it, with the record kind that handles it. */
export type SeedCommand =
  | Readonly<{ kind: 'customer'; command: Unstamped<CustomerCommand> }>
  | Readonly<{ kind: 'deal'; command: DealRequest }>
  | Readonly<{ kind: 'interaction'; command: InteractionRequest }>;

/**
 * One command of the plan at its simulated time. A family is one customer with its deals and interactions:
 * its steps depend on each other and must run in order; steps of different families never do.
 */
export type SeedStep = SeedCommand & Readonly<{ now: Date; family: number; key: string }>;

export type DemoPlanOptions = Readonly<{
  seed: number;
  customers: number;
  /** The end of the simulated two years (now, for the CLI); every step lies before it. */
  end: Date;
  /** Plans customers from this index on: the plan of customers [0, n) is the same whatever comes after. */
  firstCustomer?: number;
  dealsPerCustomer?: number;
  interactionsPerCustomer?: number;
}>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SIMULATED_DAYS = 730;

const STAGES = DEFAULT_PIPELINE.stages.map((stage) => stage.id);
/** The chance that a deal is lost in each stage instead of moving on (won after the last): about a third are won. */
const LOSS_BY_STAGE = [0.25, 0.2, 0.2, 0.25];
/** Rough value of one EUR in the deal's currency, so that amounts look alike across currencies. */
const PER_EUR: Readonly<Record<string, number>> = { EUR: 1, USD: 1.1, GBP: 0.85, CHF: 0.95 };

type Draft = Readonly<{ at: number; command: SeedCommand }>;

const isoDate = (at: number) => new Date(at).toISOString().slice(0, 10);
const decimal = (value: number) => value.toFixed(2);
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** One customer's two years: what happens to it, its deals and interactions, as drafts in no particular order. */
class CustomerStory {
  readonly drafts: Draft[] = [];
  private readonly lifecycle: { at: number; to: LifecycleStage }[] = [];
  private readonly purchases: number[] = [];
  private orders = 0;
  private records = 0;
  private linkedErp = false;

  constructor(
    private readonly rng: SeededRandom,
    private readonly index: number,
    private readonly seed: number,
    private readonly customerId: string,
    private readonly owner: string,
    private readonly initialStage: LifecycleStage,
  ) {}

  /** The id of the customer's next deal or interaction: unique by construction, the same for the same seed. */
  private nextId(kind: 'deal' | 'interaction'): string {
    this.records += 1;
    return recordIdOf(this.seed, this.index, `${kind}/${this.records}`);
  }

  customer(at: number, command: Unstamped<CustomerCommand>): void {
    this.drafts.push({ at, command: { kind: 'customer', command } });
  }

  deal(at: number, command: DealRequest): void {
    this.drafts.push({ at, command: { kind: 'deal', command } });
  }

  wish(at: number, to: LifecycleStage): void {
    this.lifecycle.push({ at, to });
  }

  /** An order of one to three products that add up to `value`; now and then some of it comes back, or all of it. */
  purchase(at: number, value: number, currency: string): void {
    const { rng, customerId } = this;
    this.orders += 1;
    this.purchases.push(at);
    const orderId = `SO-${this.index}-${this.orders}`;
    const cents = Math.max(1, Math.round(value * 100));
    const items = this.linesOf(cents);
    this.customer(at, {
      type: 'RecordPurchase',
      data: { customerId, orderId, amount: (cents / 100).toFixed(2), currency, occurredAt: new Date(at - HOUR).toISOString(), items },
    });
    if (rng.chance(0.08)) {
      const returned = { sku: items[0].sku, quantity: '1' };
      const returnedAt = at + rng.int(3, 30) * DAY;
      this.customer(returnedAt, {
        type: 'ReturnPurchaseItems',
        data: {
          customerId,
          orderId,
          returnId: `CN-${this.index}-${this.orders}`,
          items: [returned],
          returnedAt: new Date(returnedAt).toISOString(),
        },
      });
    } else if (rng.chance(0.02)) {
      const reversedAt = at + rng.int(1, 14) * DAY;
      this.customer(reversedAt, { type: 'ReversePurchase', data: { customerId, orderId, reversedAt: new Date(reversedAt).toISOString() } });
    }
  }

  /** Distinct products sharing the order's cents; each line's quantity is about its share over the product's price. */
  private linesOf(cents: number): PurchaseItemInput[] {
    const { rng } = this;
    const count = cents < 300 ? 1 : rng.int(1, 3);
    const products = [...PRODUCTS];
    for (let drawn = 0; drawn < count; drawn++) {
      const other = rng.int(drawn, products.length - 1);
      [products[drawn], products[other]] = [products[other], products[drawn]];
    }
    products.length = count;
    const weights = products.map(() => rng.between(1, 3));
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    const shares = weights.map((weight) => Math.max(1, Math.floor((cents * weight) / total)));
    shares[shares.length - 1] = cents - shares.slice(0, -1).reduce((sum, share) => sum + share, 0);
    return products.map(([sku, name, category, price], line) => {
      const quantity = Math.min(50, Math.max(1, Math.round(shares[line] / 100 / price)));
      return {
        sku,
        name,
        category,
        quantity: String(quantity),
        unitPrice: (shares[line] / 100 / quantity).toFixed(4),
        amount: (shares[line] / 100).toFixed(2),
      };
    });
  }

  get hasPurchases(): boolean {
    return this.purchases.length > 0;
  }

  get lastPurchase(): number {
    return Math.max(...this.purchases);
  }

  /** A won deal: the customer becomes one, gets its ERP number once, and orders. */
  won(at: number, value: number, currency: string): void {
    this.wish(at + HOUR, 'customer');
    if (!this.linkedErp) {
      this.linkedErp = true;
      this.customer(at + 2 * HOUR, {
        type: 'LinkExternalReference',
        data: { customerId: this.customerId, system: 'erp', externalId: `C${100_000 + this.index}` },
      });
    }
    this.purchase(at + this.rng.between(1, 10) * DAY, value, currency);
  }

  /** A deal from its opening to its close (or to the end of the simulation); returns when it closed. */
  playDeal(opened: number, homeCurrency: string, homeShare: number): { dealId: string; closed: number } {
    const { rng, customerId } = this;
    const dealId = this.nextId('deal');
    const currency = rng.chance(homeShare) ? homeCurrency : 'EUR';
    let value = rng.weighted(ORDER_TIERS) * rng.between(0.5, 1.6) * PER_EUR[currency];
    let closeDate = opened + rng.between(30, 120) * DAY;
    const title = `${rng.int(2, 200)} ${rng.pick(DEAL_PRODUCTS)}`;
    const dealOwner = rng.chance(0.85) ? this.owner : rng.pick(SALES_TEAM);
    this.deal(opened, {
      type: 'OpenDeal',
      data: {
        dealId,
        customerId,
        title,
        amount: decimal(value),
        currency,
        pipelineId: DEFAULT_PIPELINE.pipelineId,
        stageId: STAGES[0],
        expectedCloseDate: isoDate(closeDate),
        owner: dealOwner,
      },
    });
    // Before the first stage change, which comes three days after the opening at the earliest.
    if (rng.chance(0.05))
      this.deal(opened + rng.between(0.1, 1) * DAY, { type: 'RenameDeal', data: { dealId, title: `${title} (extended)` } });
    if (rng.chance(0.05)) {
      const owner = rng.pick(SALES_TEAM.filter((member) => member !== dealOwner));
      this.deal(opened + rng.between(1.5, 2.5) * DAY, { type: 'ReassignDeal', data: { dealId, owner } });
    }
    let at = opened;
    let won = false;
    for (let stage = 0; ; stage += 1) {
      at += rng.between(3, 25) * DAY;
      if (rng.chance(0.3)) {
        value *= rng.chance(0.5) ? rng.between(0.8, 0.95) : rng.between(1.05, 1.2);
        this.deal(at - HOUR, { type: 'ChangeDealAmount', data: { dealId, amount: decimal(value), currency } });
      }
      if (rng.chance(0.2)) {
        closeDate += rng.between(14, 60) * DAY;
        this.deal(at - 2 * HOUR, { type: 'ChangeDealExpectedCloseDate', data: { dealId, expectedCloseDate: isoDate(closeDate) } });
      }
      if (rng.chance(LOSS_BY_STAGE[stage])) break;
      if (stage === STAGES.length - 1) {
        won = true;
        break;
      }
      this.deal(at, { type: 'ChangeDealStage', data: { dealId, stageId: STAGES[stage + 1] } });
    }
    if (!won) {
      this.deal(at, { type: 'LoseDeal', data: { dealId, reason: rng.pick(LOSS_REASONS) } });
      if (!rng.chance(0.05)) return { dealId, closed: at };
      // A few lost deals come back: reopened in the proposal stage, then decided again.
      at += rng.between(20, 90) * DAY;
      this.deal(at, { type: 'ReopenDeal', data: { dealId, stageId: 'proposal' } });
      at += rng.between(10, 40) * DAY;
      won = rng.chance(0.5);
      if (!won) this.deal(at, { type: 'LoseDeal', data: { dealId, reason: rng.pick(LOSS_REASONS) } });
    }
    if (won) {
      this.deal(at, { type: 'WinDeal', data: { dealId } });
      this.won(at, value, currency);
    }
    return { dealId, closed: at };
  }

  /** An interaction logged at `at` (it happened a little before), sometimes amended or deleted later. */
  interaction(at: number, dealId?: string): void {
    const { rng, customerId } = this;
    const interactionId = this.nextId('interaction');
    const channel: Channel = rng.weighted(CHANNEL_WEIGHTS);
    const subject = rng.pick(SUBJECTS[channel]);
    const outcome = rng.chance(0.6) ? rng.pick(OUTCOMES) : undefined;
    const log = (command: InteractionRequest, when: number) => this.drafts.push({ at: when, command: { kind: 'interaction', command } });
    log(
      {
        type: 'LogInteraction',
        data: {
          interactionId,
          customerId,
          ...(dealId === undefined ? {} : { dealId }),
          channel,
          direction: rng.weighted(DIRECTION_WEIGHTS),
          occurredAt: new Date(at - rng.between(0, 2) * HOUR).toISOString(),
          subject,
          ...(rng.chance(0.5) ? { summary: `${subject}. ${rng.pick(OUTCOMES)}; next steps agreed.` } : {}),
          ...(outcome === undefined ? {} : { outcome }),
          ...(rng.chance(0.2) ? { followUpDueDate: isoDate(at + rng.between(2, 14) * DAY) } : {}),
        },
      },
      at,
    );
    if (rng.chance(0.05)) {
      const amended = rng.pick(OUTCOMES.filter((candidate) => candidate !== outcome));
      log({ type: 'AmendInteraction', data: { interactionId, outcome: amended } }, at + rng.between(1, 3) * DAY);
    }
    if (rng.chance(0.02)) log({ type: 'DeleteInteraction', data: { interactionId, reason: 'Logged twice' } }, at + rng.between(3, 6) * DAY);
  }

  /** The lifecycle changes that the story asked for, in time order, where the lifecycle allows them. */
  settleLifecycle(end: number): void {
    let stage = this.initialStage;
    for (const { at, to } of [...this.lifecycle].sort((a, b) => a.at - b.at)) {
      if (at >= end || !lifecycleStagesAfter(stage).includes(to)) continue;
      this.customer(at, { type: 'ChangeLifecycleStage', data: { customerId: this.customerId, lifecycleStage: to } });
      stage = to;
    }
  }
}

/** Fixed namespace of demo record ids. */
const DEMO_ID_NAMESPACE = '7c0a3e9d-1b2f-4d6e-8a5c-9f0e1d2c3b4a';

/**
 * Record ids are named, not drawn: ids drawn from 32-bit seeded generators collide by the hundred thousand
 * (two generators whose states meet draw the same ids).
 */
const recordIdOf = (seed: number, customer: number, name: string): string => uuidv5(`${seed}/${customer}/${name}`, DEMO_ID_NAMESPACE);

function planCustomer(options: DemoPlanOptions, index: number, start: number, end: number): Draft[] {
  const rng = new SeededRandom(hashSeed(options.seed, index));
  const customerId = recordIdOf(options.seed, index, 'customer');
  const [country, , prefix, suffix, homeCurrency, homeShare] = rng.weighted(COUNTRIES.map((entry) => [entry, entry[1]] as const));
  const company = rng.chance(0.6);
  // More customers in the recent past: the business grew.
  const registered = start + (end - start) * Math.sqrt(rng.next());
  const [first, last] = [rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES)];
  const name = company ? `${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_NOUNS)} ${suffix}` : `${first} ${last}`;
  const owner = rng.pick(SALES_TEAM);
  const tags = [...new Set(Array.from({ length: Math.min(rng.count(0.8), 3) }, () => rng.pick(TAGS)))];
  const initialStage: LifecycleStage = rng.chance(0.25) ? 'prospect' : 'lead';
  const phone = () => `${prefix} ${rng.int(20, 99)} ${rng.int(100_000, 9_999_999)}`;
  const story = new CustomerStory(rng, index, options.seed, customerId, owner, initialStage);
  story.customer(registered, {
    type: 'RegisterCustomer',
    data: {
      customerId,
      kind: company ? 'company' : 'person',
      name,
      email: company ? `sales@${slug(name)}-${index}.example` : `${slug(first)}.${slug(last)}.${index}@mail.example`,
      ...(rng.chance(0.7) ? { phone: phone() } : {}),
      country,
      ...(company || rng.chance(0.3) ? { industry: rng.pick(INDUSTRIES) } : {}),
      owner,
      tags,
      customFields: { leadSource: rng.pick(LEAD_SOURCES) },
      lifecycleStage: initialStage,
    },
  });
  const after = (minDays: number, maxDays: number) => registered + rng.between(minDays, maxDays) * DAY;
  if (initialStage === 'lead' && rng.chance(0.55)) story.wish(after(2, 40), 'prospect');

  // Deals planned past the end are cut off, so more are planned than the mean that remains.
  const deals = rng.count((options.dealsPerCustomer ?? 3) * (company ? 1.3 : 0.7) * 1.7);
  let opened = after(3, 30);
  for (let deal = 0; deal < deals; deal += 1) {
    const { dealId, closed } = story.playDeal(opened, homeCurrency, homeShare);
    for (let talk = rng.int(0, 3); talk > 0; talk -= 1) story.interaction(opened + rng.between(0.05, 0.95) * (closed - opened), dealId);
    opened += rng.between(10, 90) * DAY;
  }
  if (deals === 0 && !company && rng.chance(0.35)) {
    // Shop customers: they buy without a deal.
    const bought = after(1, 60);
    story.wish(bought - HOUR, 'customer');
    story.purchase(bought, rng.weighted(ORDER_TIERS) * rng.between(0.05, 0.3), 'EUR');
  }
  if (story.hasPurchases && rng.chance(0.45)) {
    let at = story.lastPurchase;
    for (let repeat = 1 + rng.count(2.5); repeat > 0; repeat -= 1) {
      at += rng.between(20, 120) * DAY;
      story.purchase(at, rng.weighted(ORDER_TIERS) * rng.between(0.1, 0.6), rng.chance(0.8) ? homeCurrency : 'EUR');
    }
  }
  if (story.hasPurchases && rng.chance(0.25)) {
    const churned = story.lastPurchase + rng.between(60, 200) * DAY;
    story.wish(churned, 'churned');
    if (rng.chance(0.2)) {
      const back = churned + rng.between(60, 200) * DAY;
      story.wish(back, 'customer');
      story.purchase(back + DAY, rng.weighted(ORDER_TIERS) * rng.between(0.1, 0.6), homeCurrency);
    }
  }

  const linked = story.drafts.filter((draft) => draft.command.kind === 'interaction').length;
  const talks = rng.count(Math.max(0, (options.interactionsPerCustomer ?? 10) - linked));
  for (let talk = 0; talk < talks; talk += 1) story.interaction(registered + MINUTE + rng.next() * (end - registered));

  if (rng.chance(0.1)) story.customer(after(10, 400), { type: 'UpdateCustomerProfile', data: { customerId, phone: phone() } });
  if (rng.chance(0.08)) {
    story.customer(after(30, 500), {
      type: 'AssignCustomerOwner',
      data: { customerId, owner: rng.pick(SALES_TEAM.filter((m) => m !== owner)) },
    });
  }
  const newTags = TAGS.filter((tag) => !tags.includes(tag));
  if (rng.chance(0.2)) story.customer(after(5, 600), { type: 'AddCustomerTags', data: { customerId, tags: [rng.pick(newTags)] } });
  if (tags.length > 0 && rng.chance(0.08))
    story.customer(after(5, 600), { type: 'RemoveCustomerTags', data: { customerId, tags: [tags[0]] } });
  story.settleLifecycle(end);

  const drafts = story.drafts.filter((draft) => draft.at < end).sort((a, b) => a.at - b.at);
  // Leads that never went anywhere are sometimes archived, after everything else that happened to them.
  if (
    deals === 0 &&
    !story.hasPurchases &&
    drafts.every((draft) => draft.command.command.type !== 'ChangeLifecycleStage') &&
    rng.chance(0.15)
  ) {
    const at = drafts[drafts.length - 1].at + rng.between(5, 30) * DAY;
    if (at < end)
      drafts.push({ at, command: { kind: 'customer', command: { type: 'ArchiveCustomer', data: { customerId, reason: 'Unreachable' } } } });
  }
  return drafts;
}

/**
 * Plans two years of a CRM's life, ending at `end`: customers with their lifecycle, tags, purchases, deals moving
 * through the default pipeline to a win or a loss, and interactions on every channel. Pure and deterministic: the
 * same options give the same steps (ids included), in time order.
 */
export function planDemoData(options: DemoPlanOptions): SeedStep[] {
  const end = options.end.getTime();
  const start = end - SIMULATED_DAYS * DAY;
  const steps: (SeedStep & { seq: number })[] = [];
  const first = options.firstCustomer ?? 0;
  for (let family = first; family < first + options.customers; family += 1) {
    planCustomer(options, family, start, end).forEach(({ at, command }, seq) =>
      steps.push({ ...command, now: new Date(Math.round(at)), family, key: `${family}-${seq}`, seq }),
    );
  }
  steps.sort((a, b) => a.now.getTime() - b.now.getTime() || a.family - b.family || a.seq - b.seq);
  return steps.map(({ seq: _seq, ...step }) => step);
}
