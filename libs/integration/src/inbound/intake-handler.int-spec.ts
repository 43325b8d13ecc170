import { randomUUID } from 'node:crypto';
import { streamIds } from '@ledgerline/application';
import { customerDecider, interactionDecider } from '@ledgerline/domain';
import { readWholeLog } from '@ledgerline/event-store/testing/whole-log';
import { customersProjection } from '@ledgerline/projections';
import { projectionHarness, type ProjectionHarness } from '@ledgerline/projections/testing/projection-harness';
import { INTAKE_CALL, INTAKE_LEAD } from '../testing/inbound-samples';
import { inboundServicesOver } from '../testing/inbound-services-over';
import { InboundHandler, type InboundServices } from './inbound-handler';
import { INTERACTION_INTAKE_TOPIC, LEAD_INTAKE_TOPIC } from './inbound-messages';
import type { IntakeContact } from './intake-messages';
import { InboundRejection } from './inbound-rejection';

const bytes = (value: unknown) => Buffer.from(JSON.stringify(value));
const leadFrom = (contact: IntakeContact, id: string = randomUUID()) => ({
  value: bytes({ ...INTAKE_LEAD, id, data: { ...INTAKE_LEAD.data, contact } }),
});
const callFrom = (contact: IntakeContact, id: string = randomUUID()) => ({
  value: bytes({ ...INTAKE_CALL, id, data: { ...INTAKE_CALL.data, contact } }),
});

/** The intake topics' handler on a real PostgreSQL: the event store, the write-side index and the customers read model. */
describe('intake of interactions and leads', () => {
  let harness: ProjectionHarness;
  let services: InboundServices;
  let handler: InboundHandler;

  beforeEach(async () => {
    harness = await projectionHarness();
    services = inboundServicesOver(harness.store, harness.dataSource);
    handler = new InboundHandler(services);
  });
  afterEach(() => harness.close());

  const customer = async (customerId: string) => (await services.runner.load(customerDecider, streamIds.customer(customerId))).state;
  const interactionsOf = async (customerId: string) => {
    const events = await readWholeLog(harness.store);
    return events.filter((event) => event.type === 'InteractionLogged' && (event.data as { customerId: string }).customerId === customerId);
  };
  const rejection = (topic: string, record: { value: Buffer }) =>
    handler.handle(topic, record).then(
      () => undefined,
      (error: unknown) => (error instanceof InboundRejection ? error : Promise.reject(error)),
    );

  it('registers an unknown person as a lead and logs the capture; the same message again changes nothing', async () => {
    const record = leadFrom(INTAKE_LEAD.data.contact, 'form-1');
    const first = await handler.handle(LEAD_INTAKE_TOPIC, record);
    expect(await customer(first.customerId!)).toMatchObject({
      status: 'active',
      kind: 'person',
      name: 'Jana Novak',
      email: 'j.novak@example.com',
      lifecycleStage: 'lead',
    });
    expect(first.appended).toBe(2);
    const [logged] = await interactionsOf(first.customerId!);
    expect(logged.data).toMatchObject({ channel: 'web', subject: 'Lead from website, campaign winter-service-2026' });
    expect(await handler.handle(LEAD_INTAKE_TOPIC, record)).toMatchObject({ customerId: first.customerId, appended: 0 });
  });

  it('registers one lead for two messages about one new e-mail, however they are typed, before any read model saw the first', async () => {
    const [one, two] = await Promise.all([
      handler.handle(LEAD_INTAKE_TOPIC, leadFrom({ email: 'ada@example.com', name: 'Ada' })),
      handler.handle(INTERACTION_INTAKE_TOPIC, callFrom({ email: ' ADA@Example.com ' })),
    ]);
    expect(two.customerId).toBe(one.customerId);
    expect(await interactionsOf(one.customerId!)).toHaveLength(2);
    const registrations = (await readWholeLog(harness.store)).filter((event) => event.type === 'CustomerRegistered');
    expect(registrations).toHaveLength(1);
  });

  it('logs a call on the customer who has that phone number, written in any format, and registers nobody', async () => {
    const known = await handler.handle(LEAD_INTAKE_TOPIC, leadFrom({ email: 'jana@example.com', phone: '+420 601 234 567' }));
    await harness.catchUp(customersProjection);
    const call = await handler.handle(INTERACTION_INTAKE_TOPIC, callFrom({ phone: '+420 (601) 234-567' }));
    expect(call).toMatchObject({ customerId: known.customerId, appended: 1 });
    expect(await interactionsOf(known.customerId!)).toHaveLength(2);
  });

  it('matches by an external id any customer links, and links the ids of a new lead for the next message', async () => {
    const first = await handler.handle(INTERACTION_INTAKE_TOPIC, callFrom({ externalRefs: { helpdesk: 'u-1832' } }));
    expect(await customer(first.customerId!)).toMatchObject({ name: 'helpdesk u-1832', externalReferences: { helpdesk: 'u-1832' } });
    const second = await handler.handle(
      INTERACTION_INTAKE_TOPIC,
      callFrom({ externalRefs: { helpdesk: 'u-1832' }, email: 'x@example.com' }),
    );
    expect(second).toMatchObject({ customerId: first.customerId, appended: 1 });
  });

  it('refuses a message naming a customer id that does not exist, and one whose new lead has an invalid e-mail, writing nothing', async () => {
    const before = (await readWholeLog(harness.store)).length;
    expect(await rejection(INTERACTION_INTAKE_TOPIC, callFrom({ customerId: randomUUID() }))).toMatchObject({
      kind: 'rejected',
      code: 'customer-not-found',
    });
    const invalid = await rejection(LEAD_INTAKE_TOPIC, leadFrom({ email: 'jana.novak-at-example.com' }));
    expect(invalid).toMatchObject({ kind: 'rejected', code: 'invalid-email' });
    expect(invalid?.message).not.toContain('jana');
    const after = await readWholeLog(harness.store);
    expect(after.filter((event) => event.type !== 'LeadIdKeyCreated')).toHaveLength(before);
  });

  it('gives the lead of one e-mail the same id in every process of an installation, and another id in another installation', async () => {
    const again = new InboundHandler(inboundServicesOver(harness.store, harness.dataSource));
    const one = await handler.handle(LEAD_INTAKE_TOPIC, leadFrom({ email: 'ada@example.com' }));
    const two = await again.handle(LEAD_INTAKE_TOPIC, leadFrom({ email: 'ada@example.com' }));
    expect(two.customerId).toBe(one.customerId);
    const elsewhere = await projectionHarness();
    try {
      const other = await new InboundHandler(inboundServicesOver(elsewhere.store, elsewhere.dataSource)).handle(
        LEAD_INTAKE_TOPIC,
        leadFrom({ email: 'ada@example.com' }),
      );
      expect(other.customerId).not.toBe(one.customerId);
    } finally {
      await elsewhere.close();
    }
  });

  it('stores the interaction as POST /v1/interactions would: on its own stream, with the customer it is about', async () => {
    const outcome = await handler.handle(INTERACTION_INTAKE_TOPIC, callFrom({ phone: '+49 711 999' }));
    const [logged] = await interactionsOf(outcome.customerId!);
    const state = (await services.runner.load(interactionDecider, logged.streamId)).state;
    expect(state).toMatchObject({ status: 'logged', customerId: outcome.customerId, channel: 'phone', outcome: 'Call back with a date' });
  });
});
