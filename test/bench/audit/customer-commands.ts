import type { CommandContext } from '@ledgerline/application';
import type { CustomerCommand } from '@ledgerline/domain';

/** Who the audit benchmarks' commands come from. */
export const benchContext = (roles: readonly string[]): CommandContext => ({
  actor: { type: 'user', id: 'bench', roles: [...roles] },
  correlationId: 'bench',
  causationId: 'bench',
  source: 'api',
  now: new Date(),
});

/** A command as the HTTP layer builds it (the domain's fixtures are for Jest). */
export const customerCommand = <T extends CustomerCommand['type']>(type: T, data: Extract<CustomerCommand, { type: T }>['data']) =>
  ({ type, data, metadata: { now: new Date() } }) as Extract<CustomerCommand, { type: T }>;
