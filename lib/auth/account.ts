import "server-only";
import type { Ctx, VerbArgs } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "./password";
import { hitAll, tooMany, unhit } from "./rate-limit";
import type { ChangePasswordInput, EndedSessions, SsoLinkIntent } from "./schemas";
import { endSessionsOf } from "./sessions";

// The signed-in person's own account. Only their session acts here, never an API key: a key belongs to an organization, these
// to a person.

export const PASSWORD_CHECKS = { windowMs: 15 * 60_000, max: 5 } as const;
export const SSO_LINK_TTL_MS = 10 * 60_000;

export function sessionOf(ctx: Pick<Ctx, "actor">): { userId: string; sessionId: string } {
  if (ctx.actor.type !== "user" || !ctx.actor.sessionId) {
    throw new AppError("forbidden", "Only you, signed in to the portal, manage your own account; an API key cannot.");
  }
  return { userId: ctx.actor.id, sessionId: ctx.actor.sessionId };
}

/** What the Settings page's account part shows its owner. */
export async function readAccountSettings(db: Db, userId: string): Promise<{ hasPassword: boolean; hasSso: boolean }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true, _count: { select: { accounts: true } } } });
  return { hasPassword: user.passwordHash !== null, hasSso: user._count.accounts > 0 };
}

async function recordAccountAudit(tx: Prisma.TransactionClient, ctx: Pick<Ctx, "requestId">, userId: string, action: string, metadata: Prisma.InputJsonValue) {
  await tx.auditLog.create({ data: { actorType: "user", actorId: userId, action, targetType: "user", targetId: userId, metadata, requestId: ctx.requestId } });
}

/** Ends every session of the user, the caller's included. */
export async function signOutEverywhere({ ctx }: { ctx: Ctx }): Promise<EndedSessions> {
  const { userId } = sessionOf(ctx);
  return ctx.engine.db.$transaction(async (tx) => {
    const endedSessions = await endSessionsOf(tx, userId);
    await recordAccountAudit(tx, ctx, userId, "user.sign_out_everywhere", { endedSessions });
    return { endedSessions };
  });
}

// A stolen session must not become the password: the current one is required, and its wrong guesses are limited like sign-in's
// (counted before the check, so a refused guess is never checked). The caller's session stays; every other one ends.
export async function changePassword({ ctx, input }: VerbArgs<ChangePasswordInput>): Promise<EndedSessions> {
  const { userId, sessionId } = sessionOf(ctx);
  const { db } = ctx.engine;
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!user.passwordHash) throw new AppError("conflict", "Your account signs in through single sign-on only: it has no password to change.");
  const key = `password-change:user:${userId}`;
  const [window] = await hitAll(db, [key], PASSWORD_CHECKS.windowMs);
  if (window && window.count > PASSWORD_CHECKS.max) throw tooMany("Too many wrong current passwords", window.resetAt);
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError("validation_failed", "The current password is not right; nothing changed.", {
      invalidParams: [{ name: "currentPassword", reason: "This is not your current password" }],
    });
  }
  await unhit(db, key);
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    // Guarded by the hash just checked: of two changes at once, one wins and the other changes nothing.
    const changed = await tx.user.updateMany({ where: { id: userId, passwordHash: user.passwordHash }, data: { passwordHash } });
    if (changed.count === 0) throw new AppError("conflict", "Your password was changed meanwhile; nothing changed. Sign in again with the new one.");
    const endedSessions = await endSessionsOf(tx, userId, { except: sessionId });
    await recordAccountAudit(tx, ctx, userId, "user.password_change", { endedSessions });
    return { endedSessions };
  });
}

// Recorded on the caller's own session, so only this browser, signed in as this user, can use it (oidc.ts, linkToSession): an
// identity is attached to an account its address does not prove only by the person holding both.
export async function startSsoLink({ ctx }: { ctx: Ctx }): Promise<SsoLinkIntent> {
  const { userId, sessionId } = sessionOf(ctx);
  if (!getEnv().OIDC_ISSUER) throw new AppError("conflict", "Single sign-on is not set up on this portal.");
  const { db } = ctx.engine;
  if ((await db.account.count({ where: { userId } })) > 0) throw new AppError("conflict", "Your account is already linked to single sign-on.");
  const expiresAt = new Date(Date.now() + SSO_LINK_TTL_MS);
  await db.session.updateMany({ where: { id: sessionId, userId }, data: { ssoLinkExpiresAt: expiresAt } });
  return { expiresAt: expiresAt.toISOString() };
}
