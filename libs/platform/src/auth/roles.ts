/** The roles a credential can carry; what each may do is decided per route (docs/security.md). */
export const ROLES = ['admin', 'sales', 'integration', 'analyst', 'auditor'] as const;

export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

/**
 * The roles an identity provider's claim names: an array of names, or one string of names separated by
 * spaces or commas (as "scope" claims are). Names we do not know are ignored, never an error: the
 * provider serves other applications too.
 */
export function rolesFromClaim(value: unknown): Role[] {
  const names = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  return ROLES.filter((role) => names.includes(role));
}

/** The value of a claim: the exact name first (claims may be URLs with dots), then a dotted path ("realm_access.roles"). */
export function claimAt(payload: Readonly<Record<string, unknown>>, claim: string): unknown {
  if (claim in payload) return payload[claim];
  return claim
    .split('.')
    .reduce<unknown>(
      (value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
      payload,
    );
}
