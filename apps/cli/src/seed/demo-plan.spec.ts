import { CHANNELS, DIRECTIONS } from '@ledgerline/domain';
import { decidePlan } from './decide-plan';
import { planDemoData, type SeedStep } from './demo-plan';

const END = new Date('2026-11-23T12:00:00.000Z');
const TWO_YEARS_MS = 730 * 86_400_000;

describe('the demo data plan', () => {
  const steps = planDemoData({ seed: 42, customers: 400, end: END });
  const decided = [...decidePlan(steps)];
  const events = decided.flatMap((step) => step.events);
  const ofType = (type: string) => events.filter((event) => event.type === type);
  const commands = (type: string) => steps.filter((step) => step.command.type === type);

  it('is the same for the same seed and differs for another', () => {
    expect(planDemoData({ seed: 42, customers: 400, end: END })).toEqual(steps);
    expect(planDemoData({ seed: 43, customers: 400, end: END })).not.toEqual(steps);
  });

  it('plans the first customers alike however many follow, and a range on its own', () => {
    const family = (plan: readonly SeedStep[], index: number) => plan.filter((step) => step.family === index);
    const more = planDemoData({ seed: 42, customers: 500, end: END });
    const range = planDemoData({ seed: 42, customers: 100, firstCustomer: 400, end: END });
    expect(family(more, 7)).toEqual(family(steps, 7));
    expect(family(range, 450)).toEqual(family(more, 450));
  });

  it('shifts in time with its end and keeps its ids and keys', () => {
    const later = planDemoData({ seed: 42, customers: 400, end: new Date(END.getTime() + 86_400_000) });
    const outline = (plan: readonly SeedStep[]) =>
      plan.map(({ key, command }) => `${key} ${command.type} ${Object.values(command.data)[0]}`);
    expect(outline(later)).toEqual(outline(steps));
  });

  it('is in time order within the two years before its end, with unique keys', () => {
    const times = steps.map((step) => step.now.getTime());
    expect(times.every((time, index) => index === 0 || times[index - 1] <= time)).toBe(true);
    expect(times[0]).toBeGreaterThanOrEqual(END.getTime() - TWO_YEARS_MS);
    expect(times[times.length - 1]).toBeLessThan(END.getTime());
    expect(new Set(steps.map((step) => step.key)).size).toBe(steps.length);
  });

  it('holds only commands their deciders accept, each of which changes something', () => {
    expect(decided.filter((step) => step.events.length === 0).map(({ step }) => step.command)).toEqual([]);
  });

  it('registers every customer first, as companies and persons, as leads and prospects, in several countries', () => {
    const registered = ofType('CustomerRegistered').map((event) => event.data as { kind: string; country: string; lifecycleStage: string });
    expect(registered).toHaveLength(400);
    const share = (predicate: (customer: (typeof registered)[number]) => boolean) => registered.filter(predicate).length / 400;
    expect(share((customer) => customer.kind === 'company')).toBeGreaterThan(0.45);
    expect(share((customer) => customer.kind === 'person')).toBeGreaterThan(0.25);
    expect(share((customer) => customer.country === 'DE')).toBeGreaterThan(0.2);
    expect(new Set(registered.map((customer) => customer.country)).size).toBeGreaterThanOrEqual(8);
    expect(share((customer) => customer.lifecycleStage === 'prospect')).toBeGreaterThan(0.1);
  });

  it('moves customers through the lifecycle: prospects, customers, some churned and a few archived', () => {
    const to = (stage: string) =>
      ofType('CustomerLifecycleStageChanged').filter((event) => (event.data as { to: string }).to === stage).length;
    expect(to('prospect')).toBeGreaterThan(80);
    expect(to('customer')).toBeGreaterThan(80);
    expect(to('churned')).toBeGreaterThan(5);
    expect(commands('ArchiveCustomer').length).toBeGreaterThan(0);
  });

  it('has repeat buyers and orders in several currencies, most in EUR', () => {
    const purchases = ofType('CustomerPurchaseRecorded').map((event) => event.data as { customerId: string; currency: string });
    const perCustomer = new Map<string, number>();
    for (const { customerId } of purchases) perCustomer.set(customerId, (perCustomer.get(customerId) ?? 0) + 1);
    expect([...perCustomer.values()].filter((count) => count > 1).length).toBeGreaterThan(perCustomer.size * 0.25);
    const currencies = new Set(purchases.map((purchase) => purchase.currency));
    expect([...currencies].sort()).toEqual(expect.arrayContaining(['CHF', 'EUR', 'GBP', 'USD']));
    expect(purchases.filter((purchase) => purchase.currency === 'EUR').length / purchases.length).toBeGreaterThan(0.5);
  });

  it('gives every order its lines by product, and takes a few back in part or in full', () => {
    const purchases = ofType('CustomerPurchaseRecorded').map((event) => event.data as { items: { category: string }[] });
    expect(purchases.every((purchase) => purchase.items.length >= 1)).toBe(true);
    expect(new Set(purchases.flatMap((purchase) => purchase.items.map((item) => item.category))).size).toBeGreaterThan(3);
    expect(ofType('CustomerPurchaseItemsReturned').length).toBeGreaterThan(purchases.length * 0.03);
    expect(ofType('CustomerPurchaseReversed').length).toBeGreaterThan(0);
  });

  it('opens about three deals a customer, wins about a third, loses more with reasons, and changes terms', () => {
    const opened = ofType('DealOpened').length;
    expect(opened / 400).toBeGreaterThan(2);
    expect(opened / 400).toBeLessThan(4.5);
    const [won, lost] = [ofType('DealWon').length, ofType('DealLost').length];
    expect(won / opened).toBeGreaterThan(0.2);
    expect(won / opened).toBeLessThan(0.5);
    expect(lost).toBeGreaterThan(won);
    expect(new Set(ofType('DealLost').map((event) => (event.data as { reason: string }).reason)).size).toBeGreaterThan(3);
    const reached = new Set(ofType('DealStageChanged').map((event) => (event.data as { to: string }).to));
    expect([...reached].sort()).toEqual(['negotiation', 'proposal', 'qualified']);
    for (const type of ['DealAmountChanged', 'DealExpectedCloseDateChanged', 'DealReopened', 'DealRenamed', 'DealReassigned']) {
      expect([type, ofType(type).length > 0]).toEqual([type, true]);
    }
  });

  it('logs about ten interactions a customer on every channel and direction, some about deals, some amended or deleted', () => {
    const logged = ofType('InteractionLogged').map((event) => event.data as { channel: string; direction: string; dealId: string | null });
    expect(logged.length / 400).toBeGreaterThan(7);
    expect(logged.length / 400).toBeLessThan(13);
    const seen = new Set(logged.map(({ channel, direction }) => `${channel}/${direction}`));
    expect(seen.size).toBe(CHANNELS.length * DIRECTIONS.length);
    expect(logged.filter((interaction) => interaction.dealId !== null).length).toBeGreaterThan(logged.length * 0.2);
    expect(ofType('InteractionAmended').length).toBeGreaterThan(0);
    expect(ofType('InteractionDeleted').length).toBeGreaterThan(0);
  });
});
