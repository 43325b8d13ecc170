import { Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import {
  ApiKeyStore,
  Authenticator,
  bootstrapAdminKey,
  JwtVerifier,
  LEDGERLINE_CONFIG,
  PG_POOL,
  type LedgerlineConfig,
} from '@ledgerline/platform';
import type { Pool } from 'pg';
import { ADMIN_KEY_BOOTSTRAP } from './admin-key-notice';
import { AuthGuard } from './auth.guard';

/** API keys, JWT verification, the bootstrap admin key and the guard that makes every route default-deny. */
@Module({
  providers: [
    {
      provide: ApiKeyStore,
      useFactory: async (pool: Pool) => {
        const store = new ApiKeyStore(pool);
        await store.setup();
        return store;
      },
      inject: [PG_POOL],
    },
    {
      provide: Authenticator,
      useFactory: (keys: ApiKeyStore, config: LedgerlineConfig) =>
        new Authenticator(keys, config.auth.jwt ? new JwtVerifier(config.auth.jwt) : undefined),
      inject: [ApiKeyStore, LEDGERLINE_CONFIG],
    },
    {
      provide: ADMIN_KEY_BOOTSTRAP,
      useFactory: (keys: ApiKeyStore, config: LedgerlineConfig) => {
        const logger = new Logger('Auth');
        return bootstrapAdminKey(keys, config, (message) => logger.warn(message));
      },
      inject: [ApiKeyStore, LEDGERLINE_CONFIG],
    },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [ApiKeyStore, ADMIN_KEY_BOOTSTRAP],
})
export class AuthModule {}
