/**
 * Which organization a member of several acts for in the portal: the one the `active-organization`
 * cookie names (set by the header's switcher, and on joining one), else their first. The cookie
 * is no credential: it only chooses among the caller's own memberships, and one it names that is
 * not theirs (any more) counts as unset. API callers name one per request with X-Organization.
 */
export const ACTIVE_ORGANIZATION_COOKIE = "active-organization";

export function activeMembership<M>(memberships: M[], organizationId: string | undefined, idOf: (membership: M) => string): M | undefined {
  return (organizationId ? memberships.find((membership) => idOf(membership) === organizationId) : undefined) ?? memberships[0];
}

/** Makes `organizationId` the active one for this browser (a year; the server checks membership on every request). */
export function chooseActiveOrganization(organizationId: string): void {
  document.cookie = `${ACTIVE_ORGANIZATION_COOKIE}=${encodeURIComponent(organizationId)}; path=/; max-age=${365 * 86_400}; samesite=lax`;
}
