import { recordIdOf, recordKindOfEventType, streamIdOf, type DomainEvent } from '@ledgerline/domain';
import type { Projection } from '../runner/projection';
import { projectionHarness, type ProjectionHarness } from './projection-harness';

/** What a scenario reads back: a query and the rows it must return, in order. */
export type RowsExpectation = Readonly<{ query: string; parameters?: readonly unknown[]; rows: readonly unknown[] }>;

type Scenario = Readonly<{
  given: readonly DomainEvent[];
  when: readonly DomainEvent[];
  metadata: Readonly<Record<string, unknown>>;
}>;

/** Each event goes to the stream of the record it is about, as the write side would have appended it. */
async function append(harness: ProjectionHarness, events: readonly DomainEvent[], metadata: Scenario['metadata']): Promise<void> {
  for (const event of events) {
    const kind = recordKindOfEventType(event.type);
    if (kind === undefined) throw new Error(`Event type ${event.type} belongs to no record kind`);
    await harness.given(streamIdOf(kind, recordIdOf(kind, event.data)), [event], metadata);
  }
}

/** Runs the scenario on a fresh database: `given` in earlier batches, `when` in a later one, so folds start from stored rows. */
async function run(projection: Projection, scenario: Scenario, expectations: readonly RowsExpectation[]): Promise<void> {
  const harness = await projectionHarness();
  try {
    await append(harness, scenario.given, scenario.metadata);
    const runner = await harness.catchUp(projection);
    await append(harness, scenario.when, scenario.metadata);
    await harness.waitForCatchUp(runner);
    for (const { query, parameters, rows } of expectations) {
      expect(await harness.rows(query, parameters ? [...parameters] : undefined)).toEqual(rows);
    }
  } finally {
    await harness.close();
  }
}

const stage = (projection: Projection, scenario: Scenario) => ({
  /** The events the projection had already applied before. */
  given: (...events: readonly DomainEvent[]) => stage(projection, { ...scenario, given: [...scenario.given, ...events] }),
  /** The events applied in the batch under test. */
  when: (...events: readonly DomainEvent[]) => stage(projection, { ...scenario, when: [...scenario.when, ...events] }),
  /** The metadata every event is stored with (actor, occurredAt...). */
  withMetadata: (metadata: Readonly<Record<string, unknown>>) => stage(projection, { ...scenario, metadata }),
  /** The read model's rows afterwards, over a real PostgreSQL. */
  then: (...expectations: readonly RowsExpectation[]): Promise<void> => run(projection, scenario, expectations),
});

/**
 * Projection tests read as specifications, as decider tests do:
 * `projectionSpec(projection).given(...events).when(...events).then({ query, rows })`.
 * Events are the domain's own types (build them with the domain fixtures), so a renamed field fails to compile.
 */
export const projectionSpec = (projection: Projection) => stage(projection, { given: [], when: [], metadata: {} });
