/** How a command ended: ok (applied or a no-op), conflict (If-Match or retries lost), rejected (a domain rule), failed (anything else). */
export type CommandResult = 'ok' | 'conflict' | 'rejected' | 'failed';

/** Told about every command the DeciderRunner executes; the API counts them for /metrics. */
export interface CommandObserver {
  commandFinished(recordKind: string, result: CommandResult, eventsAppended: number): void;
}

/** Optional: a process without an observer (the worker, the CLI) runs commands just the same. */
export const COMMAND_OBSERVER = Symbol.for('ledgerline.command-observer');
