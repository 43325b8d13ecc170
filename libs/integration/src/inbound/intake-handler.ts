import {
  customerPlanDecider,
  ExecuteInteractionCommand,
  followCustomerPlan,
  newRecordId,
  streamIds,
  type CommandContext,
  type DeciderRunner,
  type ExternalReferenceIndex,
} from '@ledgerline/application';
import { ExternalReferenceTaken } from '@ledgerline/domain';
import type { GlobalPosition } from '@ledgerline/event-store';
import type { CommandSender } from '../command-sender';
import type { ContactMatcher } from './contact-matcher';
import type { IntakeMessage } from './intake-messages';
import { intakeInteraction, leadPlan } from './intake-plans';

export type IntakeOutcome = Readonly<{ customerId: string; appended: number; position?: GlobalPosition }>;

/**
 * An interaction or a lead from any channel: its contact matched to a customer (or registered as a new lead),
 * then the interaction logged through the command bus as POST /v1/interactions does. The two writes are not one
 * transaction; both are keyed by the message id, so a redelivery after a crash between them completes the second
 * and repeats nothing of the first.
 */
export class IntakeHandler {
  constructor(
    private readonly runner: DeciderRunner,
    private readonly index: ExternalReferenceIndex,
    private readonly matcher: ContactMatcher,
    private readonly send: CommandSender,
  ) {}

  async handle(message: IntakeMessage, context: CommandContext): Promise<IntakeOutcome> {
    const { customerId, isNew } = await this.matcher.match(message.data.contact);
    const registered = isNew ? await this.registerLead(message, customerId, context) : undefined;
    const interaction = intakeInteraction(message, newRecordId('interaction', context), customerId);
    const logged = await this.send(new ExecuteInteractionCommand(interaction, context));
    return { customerId, appended: (registered?.appended ?? 0) + logged.appended, position: logged.position };
  }

  private async registerLead(message: IntakeMessage, customerId: string, context: CommandContext) {
    const { contact } = message.data;
    try {
      return await this.runner.execute(
        customerPlanDecider,
        streamIds.customer(customerId),
        followCustomerPlan(leadPlan(contact, customerId, context.now), context.now),
        context,
        this.index.guard,
      );
    } catch (error) {
      // Another writer linked one of the external ids first: tried again, the message matches that customer.
      if (error instanceof ExternalReferenceTaken) throw new Error(`${error.code}: matching the contact again`);
      throw error;
    }
  }
}
