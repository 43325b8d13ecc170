/**
 * Runs `work` (a graceful stop) and exits 0 when it ends, 1 when it fails or outlasts `timeoutSeconds`:
 * a stuck stop never keeps a process that was told to go.
 */
export function stopWithin(timeoutSeconds: number, work: () => Promise<void>, log: (message: string) => void): void {
  const timer = setTimeout(() => {
    log(`Shutdown took longer than ${timeoutSeconds} s (SHUTDOWN_TIMEOUT_SECONDS): exiting anyway`);
    process.exit(1);
  }, timeoutSeconds * 1000);
  timer.unref();
  work().then(
    () => process.exit(0),
    (error: unknown) => {
      log(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
