import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { JwtConfig } from '../config/config';
import { rejected, type Authentication } from './principal';
import { claimAt, rolesFromClaim } from './roles';

/** Asymmetric algorithms only: a shared secret would let anyone holding it mint tokens. */
const ALGORITHMS = ['RS256', 'ES256'];
const CLOCK_TOLERANCE_SECONDS = 5;

const nameOf = (payload: JWTPayload): string => {
  const name = [payload.name, payload.email, payload.preferred_username].find((value) => typeof value === 'string' && value !== '');
  return (name as string | undefined) ?? (payload.sub as string);
};

/** Thrown when the identity provider's keys cannot be fetched: the token may be fine, we cannot tell. */
export class IdentityProviderUnavailable extends Error {
  constructor(cause: unknown) {
    super(`The identity provider's keys could not be fetched: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'IdentityProviderUnavailable';
  }
}

/** Bearer tokens of people, issued by the organisation's identity provider and checked against its published keys (JWKS). */
export class JwtVerifier {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly config: JwtConfig) {
    this.keys = createRemoteJWKSet(new URL(config.jwksUrl));
  }

  async authenticate(token: string): Promise<Authentication> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout)) {
        return rejected(`The bearer token is not valid: ${error.message}.`);
      }
      throw new IdentityProviderUnavailable(error);
    }
    if (typeof payload.sub !== 'string' || payload.sub === '') return rejected('The bearer token names no subject (sub).');
    return {
      kind: 'authenticated',
      principal: {
        type: 'user',
        id: payload.sub,
        name: nameOf(payload),
        roles: rolesFromClaim(claimAt(payload, this.config.rolesClaim)),
        authMethod: 'jwt',
      },
    };
  }
}
