import { unreachable, type Command, type Decider, type Event } from '../shared/decider';
import { RuleViolated } from '../shared/domain-error';
import { commandsOf, spec, TEST_NOW } from './given-when-then';

class LimitReached extends RuleViolated {
  override readonly code = 'limit-reached';
}

type Increment = Command<'Increment', { by: number }>;
type Incremented = Event<'Incremented', { by: number; at: string }>;

/** A counter that stops at 3: just enough behaviour to check that the helper notices what goes wrong. */
const counter: Decider<Increment, Incremented, number> = {
  initialState: () => 0,
  evolve: (count, event) => count + event.data.by,
  decide: (command, count) => {
    switch (command.type) {
      case 'Increment':
        if (count + command.data.by > 3) throw new LimitReached('The counter stops at 3.');
        return command.data.by === 0
          ? []
          : [{ type: 'Incremented', data: { by: command.data.by, at: command.metadata.now.toISOString() } }];
      default:
        return unreachable(command.type);
    }
  },
};

const increment = (by: number) => commandsOf<Increment>()('Increment', { by });
const incremented = (by: number): Incremented => ({ type: 'Incremented', data: { by, at: TEST_NOW.toISOString() } });

describe('spec(decider).given(events).when(command)', () => {
  it('passes when the command records exactly the expected events', () => {
    expect(() =>
      spec(counter)
        .given([incremented(1)])
        .when(increment(2))
        .then([incremented(2)]),
    ).not.toThrow();
  });

  it('fails when the events differ', () => {
    expect(() =>
      spec(counter)
        .given([])
        .when(increment(2))
        .then([incremented(1)]),
    ).toThrow();
  });

  it('fails when an expected event holds a key set to undefined that the real one lacks', () => {
    const withUndefined = { type: 'Incremented', data: { by: 1, at: TEST_NOW.toISOString(), note: undefined } } as Incremented;
    expect(() => spec(counter).given([]).when(increment(1)).then([withUndefined])).toThrow();
  });

  it('fails when events were expected but the command was refused', () => {
    expect(() =>
      spec(counter)
        .given([incremented(3)])
        .when(increment(1))
        .then([incremented(1)]),
    ).toThrow('The counter stops at 3.');
  });

  it('passes when the expected error is thrown, with the expected code', () => {
    expect(() =>
      spec(counter)
        .given([incremented(3)])
        .when(increment(1))
        .thenThrows(LimitReached, 'limit-reached'),
    ).not.toThrow();
    expect(() =>
      spec(counter)
        .given([incremented(3)])
        .when(increment(1))
        .thenThrows(RuleViolated),
    ).not.toThrow();
  });

  it('fails when no error is thrown', () => {
    expect(() => spec(counter).given([]).when(increment(1)).thenThrows(LimitReached)).toThrow(
      'Expected Increment to be refused with LimitReached, but it produced',
    );
  });

  it('fails when another error is thrown', () => {
    class OtherError extends Error {}
    expect(() =>
      spec(counter)
        .given([incremented(3)])
        .when(increment(1))
        .thenThrows(OtherError),
    ).toThrow();
  });

  it('fails when the error has another code', () => {
    expect(() =>
      spec(counter)
        .given([incremented(3)])
        .when(increment(1))
        .thenThrows(LimitReached, 'other-code'),
    ).toThrow();
  });
});
