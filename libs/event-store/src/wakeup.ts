/** A wake-up call that is kept until the next wait, so one that comes while nobody waits is not lost. */
export class Wakeup {
  private pending = false;
  private release: (() => void) | undefined;

  signal(): void {
    this.pending = true;
    this.release?.();
  }

  /** Resolves at the next signal (or at once if one came since the last wait), or after `timeoutMs`. */
  wait(timeoutMs?: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const release = () => {
        clearTimeout(timer);
        this.release = undefined;
        this.pending = false;
        resolve();
      };
      if (this.pending) return release();
      this.release = release;
      if (timeoutMs !== undefined) timer = setTimeout(release, timeoutMs);
    });
  }
}
