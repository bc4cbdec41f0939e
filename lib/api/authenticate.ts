import "server-only";
import { API_SCOPES, type ApiScope, type Ctx, type Role } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { ACTIVE_ORGANIZATION_COOKIE, activeMembership } from "@/lib/auth/active-organization";
import { holdsSecondFactor, mfaGapOf, SECOND_FACTOR_SELECT, type MfaGap } from "@/lib/auth/mfa/gate";
import { liveSession, noteSeen, seenSession, sessionClaimsOf } from "@/lib/auth/sessions";
import { parseApiKey, secretMatches } from "@/lib/api-keys/keys";

// Keys and users are read from the database on every request, so a revoked key or a removed member stops at once (the key's
// lookup runs in rate-limits.ts, in the statement that also counts the request).
export type Identity = Pick<Ctx, "actor" | "organizationId" | "role" | "scopes">;

export const LAST_USED_RESOLUTION_MS = 60_000;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Stable per caller, for rate limits and idempotency keys. */
export function callerKey(identity: Pick<Ctx, "actor">): string {
  return `${identity.actor.type === "api_key" ? "key" : "user"}:${identity.actor.id}`;
}

export function parseBearer(authorization: string): { prefix: string; secret: string } {
  const match = /^Bearer +(\S+)$/i.exec(authorization.trim());
  const parsed = match ? parseApiKey(match[1]!) : null;
  if (!parsed) throw new AppError("invalid_credentials", "Send an API key as Authorization: Bearer plk_<prefix>_<secret>.");
  return parsed;
}

/** `role`: its maker's, now (admission's statement reads it): null when the maker left the organization or is no longer a vendor admin. */
export type ApiKeyRow = { id: string; organizationId: string | null; secretHash: string; scopes: string[]; revokedAt: Date | null; role: Role | null };

/** A key acts as whoever made it is now, within its scopes: an admin key as a vendor admin, an organization's key with its maker's role there. */
export function identityOfKey(key: ApiKeyRow | null, secret: string): Identity {
  if (!key || key.revokedAt || !secretMatches(secret, key.secretHash)) {
    throw new AppError("invalid_credentials", "This API key is not valid (unknown, mistyped or revoked).");
  }
  if (!key.role) {
    throw new AppError(
      "invalid_credentials",
      "This API key no longer works: whoever made it has left its organization or is no longer a vendor admin. Ask an owner for a new key.",
    );
  }
  return {
    actor: { type: "api_key", id: key.id },
    organizationId: key.role === "admin" ? null : key.organizationId,
    role: key.role,
    scopes: key.scopes.filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s)),
  };
}

// A vendor admin acts across organizations unless X-Organization names one of theirs; a member of several picks one with it
// (slug or id), else the portal's active one, else the first.
// `mfaGap`: why this session must not act yet (access.ts's requireSecondFactor), read in the same query.
export async function sessionIdentity(db: Db, request: Request): Promise<Identity & { mfaGap: MfaGap | null }> {
  const cookies = cookiesOf(request.headers.get("cookie"));
  const claims = await sessionClaimsOf(cookies);
  if (!claims) throw new AppError("unauthenticated", "Send an API key (Authorization: Bearer plk_...) or sign in.");
  // The session is checked in the user's own query: one round trip, as before sessions could end.
  const user = await db.user.findFirst({
    where: { id: claims.userId, sessions: { some: liveSession(claims.sessionId) } },
    select: {
      id: true,
      role: true,
      sessions: seenSession(claims.sessionId),
      ...SECOND_FACTOR_SELECT,
      memberships: {
        orderBy: { createdAt: "asc" },
        select: { role: true, organizationId: true, organization: { select: { slug: true, requireMfa: true } } },
      },
    },
  });
  if (!user) throw new AppError("unauthenticated", "Your session has ended; sign in again.");
  await noteSeen(db, claims.sessionId, user.sessions[0]?.lastSeenAt);
  const wanted = request.headers.get("x-organization");
  const membership = wanted
    ? user.memberships.find((m) => m.organization.slug === wanted || m.organizationId === wanted)
    : activeMembership(user.memberships, cookies.get(ACTIVE_ORGANIZATION_COOKIE), (m) => m.organizationId);
  if (wanted && !membership) throw new AppError("not_found", `No organization "${wanted}".`);
  if (!SAFE_METHODS.has(request.method)) refuseCrossSite(request);
  const actsAsAdmin = user.role === "admin" && !wanted;
  return {
    actor: { type: "user", id: user.id, sessionId: claims.sessionId },
    organizationId: actsAsAdmin ? null : (membership?.organizationId ?? null),
    role: actsAsAdmin ? "admin" : (membership?.role ?? "member"),
    scopes: API_SCOPES,
    mfaGap: mfaGapOf({
      actsAsAdmin,
      organizationRequiresMfa: !actsAsAdmin && (membership?.organization.requireMfa ?? false),
      hasSecondFactor: holdsSecondFactor(user),
    }),
  };
}

/** CSRF: Sec-Fetch-Site (which pages cannot set) says same-origin, or Origin is APP_URL's. */
function refuseCrossSite(request: Request): void {
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  const isSameOrigin = site === "same-origin" || (origin !== null && origin === new URL(appUrl()).origin);
  if (!isSameOrigin) throw new AppError("forbidden", "Cross-site request refused: writes with a session cookie must come from the portal's own origin.");
}

/** next-auth's session (in however many chunks) and the active organization. */
function cookiesOf(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header?.split(";") ?? []) {
    const index = part.indexOf("=");
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    if (!name.includes("next-auth.session-token") && name !== ACTIVE_ORGANIZATION_COOKIE) continue;
    try {
      cookies.set(name, decodeURIComponent(part.slice(index + 1).trim()));
    } catch {
      // a malformed cookie is no session
    }
  }
  return cookies;
}
