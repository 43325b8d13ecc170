import { customerPlanDecider, followCustomerPlan } from '@ledgerline/application';
import { fold, type CustomerEvent } from '@ledgerline/domain';
import { customerRegistered } from '@ledgerline/domain/customer/customer.fixtures';
import { INTAKE_CALL, INTAKE_LEAD } from '../testing/inbound-samples';
import type { IntakeContact } from './intake-messages';
import { intakeInteraction, leadPlan } from './intake-plans';

const CUSTOMER = '6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const INTERACTION = '0b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d';
const NOW = new Date('2026-12-03T12:00:00.000Z');

/** given(customer history).when(a lead's contact).then(events) */
const lead = {
  given: (history: readonly CustomerEvent[]) => ({
    when: (contact: IntakeContact) => ({
      then: (expected: readonly CustomerEvent[]) =>
        expect(
          customerPlanDecider.decide(followCustomerPlan(leadPlan(contact, CUSTOMER, NOW), NOW), fold(customerPlanDecider, history)),
        ).toStrictEqual(expected),
    }),
  }),
};

const registered = (fields: Parameters<typeof customerRegistered>[0]): CustomerEvent =>
  customerRegistered({ customerId: CUSTOMER, kind: 'person', name: 'Jana Novak', registeredAt: NOW.toISOString(), ...fields });

describe('a lead from the intake', () => {
  it('registers someone unknown as a person at stage lead, with the e-mail, phone and external ids given', () =>
    lead
      .given([])
      .when({ name: 'Jana Novak', email: 'J.Novak@example.com', phone: '+420 601 234 567', externalRefs: { helpdesk: 'u-1832' } })
      .then([
        registered({ email: 'j.novak@example.com', phone: '+420 601 234 567' }),
        {
          type: 'CustomerExternalReferenceLinked',
          data: { customerId: CUSTOMER, system: 'helpdesk', externalId: 'u-1832', previousExternalId: null },
        },
      ]));

  it('names a lead without a name by its e-mail, else its phone, else its external id', () => {
    lead
      .given([])
      .when({ email: 'j.novak@example.com' })
      .then([registered({ name: 'j.novak@example.com', email: 'j.novak@example.com' })]);
    lead
      .given([])
      .when({ phone: '+420 601 234 567' })
      .then([registered({ name: '+420 601 234 567', phone: '+420 601 234 567' })]);
    lead
      .given([])
      .when({ externalRefs: { helpdesk: 'u-1832' } })
      .then([
        registered({ name: 'helpdesk u-1832' }),
        {
          type: 'CustomerExternalReferenceLinked',
          data: { customerId: CUSTOMER, system: 'helpdesk', externalId: 'u-1832', previousExternalId: null },
        },
      ]);
  });

  it('leaves a customer that exists by then as it is: a form does not overwrite what sales recorded', () =>
    lead
      .given([registered({ name: 'Jana Nováková', email: 'j.novak@example.com' })])
      .when({ name: 'Jana Novak', email: 'j.novak@example.com', phone: '+420 601 234 567' })
      .then([]));
});

describe('the interaction an intake message logs', () => {
  it('is the call, e-mail or chat itself, inbound unless said otherwise', () => {
    const { contact, ...call } = INTAKE_CALL.data;
    expect(contact).toBeDefined();
    expect(intakeInteraction(INTAKE_CALL, INTERACTION, CUSTOMER)).toEqual({
      type: 'LogInteraction',
      data: { interactionId: INTERACTION, customerId: CUSTOMER, ...call },
    });
    const bare = { ...INTAKE_CALL, data: { ...INTAKE_CALL.data, direction: undefined, subject: null, summary: null, outcome: undefined } };
    expect(intakeInteraction(bare, INTERACTION, CUSTOMER).data).toEqual({
      interactionId: INTERACTION,
      customerId: CUSTOMER,
      channel: 'phone',
      direction: 'inbound',
      occurredAt: '2026-12-03T10:01:00Z',
    });
  });

  it('is, for a lead, its capture: the source as subject, what the person wrote and the referrer as summary', () => {
    expect(intakeInteraction(INTAKE_LEAD, INTERACTION, CUSTOMER).data).toEqual({
      interactionId: INTERACTION,
      customerId: CUSTOMER,
      channel: 'web',
      direction: 'inbound',
      occurredAt: '2026-12-03T11:19:30Z',
      subject: 'Lead from website, campaign winter-service-2026',
      summary: 'Please send a quote for the yearly maintenance of two presses.\n\nReferrer: https://www.example.com/service',
    });
    const quiet = { ...INTAKE_LEAD, data: { ...INTAKE_LEAD.data, source: { system: 'trade-fair-app' }, message: null } };
    expect(intakeInteraction(quiet, INTERACTION, CUSTOMER).data).toMatchObject({ channel: 'web', subject: 'Lead from trade-fair-app' });
    expect(intakeInteraction(quiet, INTERACTION, CUSTOMER).data).not.toHaveProperty('summary', expect.anything());
  });
});
