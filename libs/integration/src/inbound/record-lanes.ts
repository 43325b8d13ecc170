/**
 * Runs the records of a batch concurrently, except that a record waits for every earlier one that shares an
 * identity with it (the same customer, however it is named): a record's effects then happen in the order of
 * the partition, and records of different customers overlap. An identity's lane ends when its last record
 * finishes, so the map holds only identities with records in flight.
 */
export class RecordLanes {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(identities: readonly string[], task: () => Promise<T>): Promise<T> {
    const earlier = identities.flatMap((identity) => this.tails.get(identity) ?? []);
    const result = Promise.all(earlier).then(task);
    const finished = result.then(
      () => undefined,
      () => undefined,
    );
    for (const identity of identities) this.tails.set(identity, finished);
    void finished.then(() => {
      for (const identity of identities) if (this.tails.get(identity) === finished) this.tails.delete(identity);
    });
    return result;
  }
}
