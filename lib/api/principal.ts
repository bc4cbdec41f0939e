import "server-only";
import { getToken } from "next-auth/jwt";
import type { Db } from "@/lib/db/client";
import { appUrl, getEnv } from "@/lib/env";
import { isHttps } from "@/lib/security-headers";
import { AppError } from "@/lib/errors";
import type { Ctx } from "@/lib/links/context";
import { parseApiKey, secretMatches, type ApiScope } from "./keys";

/**
 * Who is calling the API: an API key (`Authorization: Bearer plk_...`) or the portal's own
 * next-auth session cookie. Both end as a `Ctx` for the domain verbs. Keys and users are read
 * from the database on every request, so a revoked key or a removed member stops at once.
 */
export type Principal = {
  kind: "api_key" | "session";
  /** Stable id for rate limits and idempotency: `key:<uuid>` or `user:<uuid>`. */
  id: string;
  ctx: Ctx;
  scopes: readonly ApiScope[];
  /** The user's role in ctx's organization (sessions only). */
  membershipRole: "owner" | "member" | null;
};

export const LAST_USED_RESOLUTION_MS = 60_000;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export async function authenticate(db: Db, request: Request, requestId: string): Promise<Principal> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) return fromApiKey(db, authorization, requestId);
  const principal = await fromSession(db, request, requestId);
  if (!SAFE_METHODS.has(request.method)) refuseCrossSite(request);
  return principal;
}

async function fromApiKey(db: Db, authorization: string, requestId: string): Promise<Principal> {
  const parsed = parseBearer(authorization);
  const key = await db.apiKey.findUnique({ where: { prefix: parsed.prefix } });
  const principal = principalOfKey(key, parsed.secret, requestId);
  const now = Date.now();
  if (!key!.lastUsedAt || now - key!.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // At most one write a minute per key; the guard keeps concurrent requests from all writing.
    await db.apiKey.updateMany({
      where: { id: key!.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now - LAST_USED_RESOLUTION_MS) } }] },
      data: { lastUsedAt: new Date(now) },
    });
  }
  return principal;
}

export function parseBearer(authorization: string): { prefix: string; secret: string } {
  const match = /^Bearer +(\S+)$/i.exec(authorization.trim());
  const parsed = match ? parseApiKey(match[1]!) : null;
  if (!parsed) throw new AppError("invalid_credentials", "Send an API key as Authorization: Bearer plk_<prefix>_<secret>.");
  return parsed;
}

export type ApiKeyRow = { id: string; organizationId: string | null; isAdmin: boolean; secretHash: string; scopes: string[]; revokedAt: Date | null };

/** The principal of a stored key, after a constant-time check of the presented secret; 401 otherwise. */
export function principalOfKey(key: ApiKeyRow | null, secret: string, requestId: string): Principal {
  if (!key || key.revokedAt || !secretMatches(secret, key.secretHash)) {
    throw new AppError("invalid_credentials", "This API key is not valid (unknown, mistyped or revoked).");
  }
  return {
    kind: "api_key",
    id: `key:${key.id}`,
    ctx: { actor: { type: "api_key", id: key.id }, organizationId: key.organizationId, isAdmin: key.isAdmin && key.organizationId === null, requestId },
    scopes: key.scopes.filter((s): s is ApiScope => s === "read" || s === "write"),
    membershipRole: null,
  };
}

async function fromSession(db: Db, request: Request, requestId: string): Promise<Principal> {
  const secret = getEnv().AUTH_SECRET;
  const cookies = cookiesOf(request.headers.get("cookie"));
  // getToken would also accept a JWT in the Authorization header; hand it the cookies only.
  const token = secret && cookies.size > 0 ? await getToken({ req: { cookies, headers: {} } as never, secret, secureCookie: isHttps() }) : null;
  if (!token?.sub) throw new AppError("unauthenticated", "Send an API key (Authorization: Bearer plk_...) or sign in.");
  const user = await db.user.findUnique({
    where: { id: token.sub },
    select: { id: true, role: true, memberships: { orderBy: { createdAt: "asc" }, select: { role: true, organizationId: true, organization: { select: { slug: true } } } } },
  });
  if (!user) throw new AppError("unauthenticated", "Your session has ended; sign in again.");
  const isAdmin = user.role === "admin";
  const wanted = request.headers.get("x-organization");
  const membership = wanted ? user.memberships.find((m) => m.organization.slug === wanted || m.organizationId === wanted) : user.memberships[0];
  if (wanted && !membership) throw new AppError("not_found", `No organization "${wanted}".`);
  return {
    kind: "session",
    id: `user:${user.id}`,
    ctx: { actor: { type: "user", id: user.id }, organizationId: isAdmin && !wanted ? null : (membership?.organizationId ?? null), isAdmin: isAdmin && !wanted, requestId },
    scopes: ["read", "write"],
    membershipRole: isAdmin && !wanted ? null : (membership?.role ?? null),
  };
}

/**
 * CSRF: a write with the session cookie must come from our own origin: the browser says so in
 * Sec-Fetch-Site (which pages cannot set), or Origin is APP_URL's.
 */
function refuseCrossSite(request: Request): void {
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  const isSameOrigin = site === "same-origin" || (origin !== null && origin === new URL(appUrl()).origin);
  if (!isSameOrigin) throw new AppError("forbidden", "Cross-site request refused: writes with a session cookie must come from the portal's own origin.");
}

function cookiesOf(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header?.split(";") ?? []) {
    const index = part.indexOf("=");
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    if (!name.includes("next-auth.session-token")) continue;
    try {
      cookies.set(name, decodeURIComponent(part.slice(index + 1).trim()));
    } catch {
      // a malformed cookie is no session
    }
  }
  return cookies;
}

/** 403 unless the principal holds `scope` (keys are scoped; sessions hold both). */
export function requireScope(principal: Principal, scope: ApiScope): void {
  if (!principal.scopes.includes(scope)) throw new AppError("forbidden", `This API key lacks the ${scope} scope.`);
}
