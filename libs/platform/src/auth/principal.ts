import type { Role } from './roles';

/** Who sent a request, once their credential has been checked. Recorded as the actor of every event they cause. */
export type Principal = Readonly<{
  type: 'api-key' | 'user';
  /** The key id, or the token's subject. */
  id: string;
  /** The key's name, or the token's name or e-mail claim. */
  name: string;
  roles: readonly Role[];
  authMethod: 'api-key' | 'jwt';
}>;

/** The outcome of looking at a request's credentials. A rejection's detail is safe to show the caller. */
export type Authentication =
  | Readonly<{ kind: 'anonymous' }>
  | Readonly<{ kind: 'authenticated'; principal: Principal }>
  | Readonly<{ kind: 'rejected'; detail: string }>;

export const rejected = (detail: string): Authentication => ({ kind: 'rejected', detail });
