import type { Command, Decider, Event } from '../shared/decider';
import { fold } from '../shared/decider';
import { DomainError } from '../shared/domain-error';

type ErrorClass = abstract new (...args: never[]) => Error;

type Outcome<E> = { accepted: true; events: readonly E[] } | { accepted: false; error: unknown };

/**
 * Decider tests read as specifications:
 * `spec(decider).given([events]).when(command).then([events])` or `.thenThrows(ErrorClass, 'code')`.
 */
export const spec = <C extends Command, E extends Event, S>(decider: Decider<C, E, S>) => ({
  given: (history: readonly E[]) => ({
    when: (command: C) => {
      const outcome = (): Outcome<E> => {
        const state = fold(decider, history);
        try {
          return { accepted: true, events: decider.decide(command, state) };
        } catch (error) {
          return { accepted: false, error };
        }
      };
      return {
        then: (expected: readonly E[]): void => {
          const result = outcome();
          if (!result.accepted) throw result.error;
          // Strict: an event holding `key: undefined` differs from one without the key, as its JSON would.
          expect(result.events).toStrictEqual(expected);
        },
        thenThrows: (expected: ErrorClass, code?: string): void => {
          const result = outcome();
          if (result.accepted) {
            throw new Error(
              `Expected ${command.type} to be refused with ${expected.name}, but it produced ${JSON.stringify(result.events)}`,
            );
          }
          expect(result.error).toBeInstanceOf(expected);
          if (code !== undefined) expect(result.error instanceof DomainError ? result.error.code : undefined).toBe(code);
        },
      };
    },
  }),
});

export const TEST_NOW = new Date('2025-03-03T09:30:00.000Z');

/**
 * Builds a record's commands with typed data: `const customerCommand = commandsOf<CustomerCommand>();`
 * then `customerCommand('ArchiveCustomer', { customerId })`, decided at TEST_NOW unless told otherwise.
 */
export const commandsOf =
  <C extends Command>() =>
  <T extends C['type']>(type: T, data: Extract<C, { type: T }>['data'], now: Date = TEST_NOW): Extract<C, { type: T }> =>
    ({ type, data, metadata: { now } }) as Extract<C, { type: T }>;
