// The cookie is no credential: it only chooses among the caller's own memberships (else their first), and one that names an
// organization not theirs (any more) counts as unset. API callers name one per request with X-Organization.
export const ACTIVE_ORGANIZATION_COOKIE = "active-organization";

export function activeMembership<M>(memberships: M[], organizationId: string | undefined, idOf: (membership: M) => string): M | undefined {
  return (organizationId ? memberships.find((membership) => idOf(membership) === organizationId) : undefined) ?? memberships[0];
}

export function chooseActiveOrganization(organizationId: string): void {
  document.cookie = `${ACTIVE_ORGANIZATION_COOKIE}=${encodeURIComponent(organizationId)}; path=/; max-age=${365 * 86_400}; samesite=lax`;
}
