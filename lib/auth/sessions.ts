import "server-only";
import { getToken } from "next-auth/jwt";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { getEnv } from "@/lib/env";
import { isHttps } from "@/lib/security-headers";
import { isUuid } from "@/lib/validation";

// The cookie is a signed JWT naming the user (`sub`) and the Session row (`sid`); the row is what can be ended. A session lasts
// SESSION_MAX_AGE_SECONDS from sign-in, whatever a renewed cookie says.
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export type SessionClaims = { userId: string; sessionId: string };

/** The claims of the session cookie among `cookies`, if it is one of ours and names a session (older cookies name none). */
export async function sessionClaimsOf(cookies: Record<string, string> | Map<string, string>): Promise<SessionClaims | null> {
  const secret = getEnv().AUTH_SECRET;
  const size = cookies instanceof Map ? cookies.size : Object.keys(cookies).length;
  if (!secret || size === 0) return null;
  // getToken would also accept a JWT in the Authorization header; it is handed the cookies only.
  const token = await getToken({ req: { cookies, headers: {} } as never, secret, secureCookie: isHttps() });
  return token && isUuid(token.sub) && isUuid(token.sid) ? { userId: token.sub, sessionId: token.sid } : null;
}

/** For a read of the user: `where: { id: userId, sessions: { some: liveSession(sessionId) } }` checks the session in the same query. */
export function liveSession(sessionId: string): Prisma.SessionWhereInput {
  return { id: sessionId, revokedAt: null, expiresAt: { gt: new Date() } };
}

export async function isLiveSession(db: Db, token: { sub?: unknown; sid?: unknown }): Promise<boolean> {
  return isUuid(token.sub) && isUuid(token.sid) && (await db.session.count({ where: { ...liveSession(token.sid), userId: token.sub } })) > 0;
}

/** At sign-in; sweeps every expired row on the way (an index range, usually empty). */
export async function startSession(
  db: Db,
  { userId, userAgent, clientAddress }: { userId: string; userAgent?: string | null; clientAddress?: string | null },
): Promise<string> {
  await db.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  const now = new Date();
  const session = await db.session.create({
    data: {
      userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
      userAgent: userAgent?.slice(0, 300) || null,
      clientAddress: clientAddress ?? null,
      lastSeenAt: now,
    },
    select: { id: true },
  });
  return session.id;
}

export const LAST_SEEN_RESOLUTION_MS = 60_000;

/** The part of the user's read (beside `liveSession`) that says when the session was last seen: `seenSession(sessionId)`. */
export function seenSession(sessionId: string) {
  return { where: { id: sessionId }, select: { lastSeenAt: true }, take: 1 } as const;
}

// Where each request checks its session, with what that read already holds: a write at most once a minute per session.
export async function noteSeen(db: Db, sessionId: string, lastSeenAt: Date | null | undefined): Promise<void> {
  const now = Date.now();
  if (lastSeenAt && now - lastSeenAt.getTime() < LAST_SEEN_RESOLUTION_MS) return;
  const stale = new Date(now - LAST_SEEN_RESOLUTION_MS);
  await db.session.updateMany({ where: { id: sessionId, OR: [{ lastSeenAt: null }, { lastSeenAt: { lt: stale } }] }, data: { lastSeenAt: new Date(now) } });
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  if (isUuid(sessionId)) await db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Every live session of the user but `except`; how many ended. */
export async function endSessionsOf(db: Db | Prisma.TransactionClient, userId: string, { except }: { except?: string } = {}): Promise<number> {
  const ended = await db.session.updateMany({
    where: { userId, revokedAt: null, expiresAt: { gt: new Date() }, ...(except ? { id: { not: except } } : {}) },
    data: { revokedAt: new Date() },
  });
  return ended.count;
}

export function cookiesOf(header: string | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of header?.split(";") ?? []) {
    const index = part.indexOf("=");
    if (index <= 0) continue;
    try {
      cookies[part.slice(0, index).trim()] = decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      // a malformed cookie is ignored
    }
  }
  return cookies;
}
