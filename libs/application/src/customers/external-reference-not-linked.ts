import { RecordNotFound } from '@ledgerline/domain';

/** A lookup by an id in another system that no customer is linked to. */
export class ExternalReferenceNotLinked extends RecordNotFound {
  override readonly code = 'external-reference-not-found';
  constructor(system: string, externalId: string) {
    super(`No customer is linked to the ${system} id ${JSON.stringify(externalId)}.`, { system, externalId });
  }
}
