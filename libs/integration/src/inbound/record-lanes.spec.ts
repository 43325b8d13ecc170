import { RecordLanes } from './record-lanes';

/** A task that runs until the test lets it finish, and logs when it starts. */
function tasks() {
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  const task = (name: string) => () => {
    started.push(name);
    return new Promise<string>((done) => finishers.set(name, () => done(name)));
  };
  const finish = async (name: string) => {
    finishers.get(name)?.();
    await new Promise((settled) => setImmediate(settled));
  };
  return { started, task, finish };
}

const tick = () => new Promise((settled) => setImmediate(settled));

describe('record lanes', () => {
  it('given records of different customers, runs them at once', async () => {
    const lanes = new RecordLanes();
    const { started, task } = tasks();
    void lanes.run(['erp:1'], task('a'));
    void lanes.run(['erp:2'], task('b'));
    await tick();
    expect(started).toEqual(['a', 'b']);
  });

  it('given two records of one customer, starts the second when the first finished', async () => {
    const lanes = new RecordLanes();
    const { started, task, finish } = tasks();
    const first = lanes.run(['erp:1'], task('first'));
    void lanes.run(['erp:1'], task('second'));
    await tick();
    expect(started).toEqual(['first']);
    await finish('first');
    await expect(first).resolves.toBe('first');
    expect(started).toEqual(['first', 'second']);
  });

  it('given a record that names its customer two ways, waits for the records under either name', async () => {
    const lanes = new RecordLanes();
    const { started, task, finish } = tasks();
    void lanes.run(['key:cus_1'], task('by billing id'));
    void lanes.run(['erp:1'], task('by erp id'));
    void lanes.run(['key:cus_1', 'erp:1'], task('by both'));
    await tick();
    expect(started).toEqual(['by billing id', 'by erp id']);
    await finish('by billing id');
    expect(started).toEqual(['by billing id', 'by erp id']);
    await finish('by erp id');
    expect(started).toEqual(['by billing id', 'by erp id', 'by both']);
  });

  it('given an earlier record that failed, still runs the next one of its customer', async () => {
    const lanes = new RecordLanes();
    const failed = lanes.run(['erp:1'], () => Promise.reject(new Error('store away')));
    await expect(failed).rejects.toThrow('store away');
    await expect(lanes.run(['erp:1'], async () => 'next')).resolves.toBe('next');
  });
});
