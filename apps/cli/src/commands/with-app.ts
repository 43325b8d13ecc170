import type { INestApplicationContext } from '@nestjs/common';

/** Runs a command's action on the CLI's Nest context, opened for it and closed after it. */
export type WithApp = (action: (app: INestApplicationContext) => Promise<void>) => Promise<void>;
