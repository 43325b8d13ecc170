import { ConcurrencyLimit } from './concurrency-limit';

describe('a concurrency limit', () => {
  it('given more tasks than slots, runs at most the limit at once and the rest in the order they came', async () => {
    const limit = new ConcurrencyLimit(2);
    const events: string[] = [];
    let running = 0;
    let most = 0;
    const task = (name: string) => async () => {
      running += 1;
      most = Math.max(most, running);
      events.push(name);
      await new Promise((settled) => setImmediate(settled));
      running -= 1;
      return name;
    };
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((name) => limit.run(task(name))));
    expect(results).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(events).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(most).toBe(2);
  });

  it('given a task that fails, frees its slot', async () => {
    const limit = new ConcurrencyLimit(1);
    await expect(limit.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit.run(async () => 'after')).resolves.toBe('after');
  });

  it('refuses a limit below one', () => {
    expect(() => new ConcurrencyLimit(0)).toThrow(RangeError);
  });
});
