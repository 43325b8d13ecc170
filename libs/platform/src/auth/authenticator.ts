import type { ApiKeyStore } from './api-key.store';
import { looksLikeApiKey } from './api-key-secret';
import type { JwtVerifier } from './jwt-verifier';
import { rejected, type Authentication } from './principal';

export type Credentials = Readonly<{ authorization?: string; apiKey?: string }>;

/**
 * Turns the credential a request carries into a principal: `Authorization: Bearer <api key | JWT>` or
 * `X-API-Key: <api key>`. A bearer that looks like an API key (llk_…) goes to the key store, anything
 * else to the identity provider's keys when JWTs are configured.
 */
export class Authenticator {
  constructor(
    private readonly keys: ApiKeyStore,
    private readonly jwt: JwtVerifier | undefined,
  ) {}

  async authenticate({ authorization, apiKey }: Credentials): Promise<Authentication> {
    if (authorization !== undefined) {
      const bearer = /^Bearer +(\S+) *$/i.exec(authorization)?.[1];
      if (bearer === undefined) return rejected('Send "Authorization: Bearer <API key or token>"; no other scheme is accepted.');
      if (looksLikeApiKey(bearer)) return this.keys.authenticate(bearer);
      if (!this.jwt) return rejected('The bearer is not an API key, and this server accepts no other tokens (JWT is not configured).');
      return this.jwt.authenticate(bearer);
    }
    if (apiKey !== undefined) return this.keys.authenticate(apiKey.trim());
    return { kind: 'anonymous' };
  }
}
