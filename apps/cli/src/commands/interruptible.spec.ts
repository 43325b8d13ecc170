import { interruptible } from './interruptible';

describe('interruptible work', () => {
  it('sees its signal aborted on Ctrl-C, and leaves no SIGINT listener behind', async () => {
    const listeners = process.listenerCount('SIGINT');
    const aborted = await interruptible(async (stopping) => {
      expect(stopping.aborted).toBe(false);
      process.emit('SIGINT');
      return stopping.aborted;
    });
    expect(aborted).toBe(true);
    expect(process.listenerCount('SIGINT')).toBe(listeners);
  });

  it('leaves no listener behind when the work fails either', async () => {
    const listeners = process.listenerCount('SIGINT');
    await expect(interruptible(async () => Promise.reject(new Error('store away')))).rejects.toThrow('store away');
    expect(process.listenerCount('SIGINT')).toBe(listeners);
  });
});
