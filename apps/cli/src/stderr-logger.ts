import { ConsoleLogger, type LogLevel } from '@nestjs/common';

/** The commands' output (JSON reports, tables) owns stdout; what the framework and the libs log goes to stderr. */
export class StderrLogger extends ConsoleLogger {
  constructor() {
    super({ logLevels: ['error', 'warn'] });
  }

  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    _stream?: 'stdout' | 'stderr',
    errorStack?: unknown,
  ) {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack);
  }
}
