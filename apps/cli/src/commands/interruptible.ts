/**
 * Runs long work that stops cleanly on Ctrl-C: the signal it gets is aborted on SIGINT, so the work ends after the
 * page under way and can say where to resume, instead of the process dying mid-write.
 */
export async function interruptible<T>(work: (stopping: AbortSignal) => Promise<T>): Promise<T> {
  const stopping = new AbortController();
  const interrupt = () => stopping.abort();
  process.once('SIGINT', interrupt);
  try {
    return await work(stopping.signal);
  } finally {
    process.off('SIGINT', interrupt);
  }
}
