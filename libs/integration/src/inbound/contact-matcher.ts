import { customerIdForExternalRef, type ExternalReferenceIndex, type LeadIds } from '@ledgerline/application';
import type { ContactPoint } from '@ledgerline/domain';
import type { IntakeContact } from './intake-messages';

/** Finds the active customer with an e-mail or phone (the customers read model answers it). */
export type ContactPointLookup = Readonly<{ withContactPoint: (contact: ContactPoint) => Promise<string | undefined> }>;

/** The customer a message is about, and whether none was found (then `customerId` is the one a new lead gets). */
export type ContactMatch = Readonly<{ customerId: string; isNew: boolean }>;

const contactPointsOf = ({ email, phone }: IntakeContact): ContactPoint[] => [
  ...(email === undefined ? [] : [{ kind: 'email' as const, value: email }]),
  ...(phone === undefined ? [] : [{ kind: 'phone' as const, value: phone }]),
];

/**
 * Matches an intake message's contact to a customer: our id, else an external id through the write-side index
 * (fresh right after its link), else the active customer registered first with the e-mail, then the phone. The
 * last two read the customers read model, which can be a moment behind a registration made elsewhere; a lead the
 * intake registered itself is never registered twice, as its id is derived from the contact point it came with.
 */
export class ContactMatcher {
  constructor(
    private readonly index: Pick<ExternalReferenceIndex, 'holdersOf'>,
    private readonly contacts: ContactPointLookup,
    private readonly leadIds: Pick<LeadIds, 'of'>,
  ) {}

  async match(contact: IntakeContact): Promise<ContactMatch> {
    if (contact.customerId !== undefined) return { customerId: contact.customerId, isNew: false };
    const references = Object.entries(contact.externalRefs ?? {}).map(([system, externalId]) => ({
      system,
      externalId: externalId.trim(),
    }));
    const holder = (await this.index.holdersOf(references)).find((found) => found !== undefined);
    if (holder) return { customerId: holder.customerId, isNew: false };
    const points = contactPointsOf(contact);
    for (const point of points) {
      const customerId = await this.contacts.withContactPoint(point);
      if (customerId !== undefined) return { customerId, isNew: false };
    }
    const [first] = points;
    // The schema asks for at least one of the four: without a contact point, there is an external id.
    const customerId =
      first === undefined ? customerIdForExternalRef(references[0].system, references[0].externalId) : await this.leadIds.of(first);
    return { customerId, isNew: true };
  }
}
