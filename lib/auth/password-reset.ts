import "server-only";
import type { Ctx } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { appUrl } from "@/lib/env";
import { queueMail } from "@/lib/mail/outbox";
import { addressGroup } from "./client-address";
import { invalidToken, issueToken, tokenState, TOKEN_TTL_MS, useToken } from "./email-tokens";
import { hashPassword } from "./password";
import { admitInTurn } from "./rate-limit";
import {
  passwordResetDoneSchema,
  passwordResetRequestedSchema,
  type PasswordReset,
  type PasswordResetDone,
  type PasswordResetRequest,
  type PasswordResetRequested,
} from "./reset-schemas";
import { endSessionsOf } from "./sessions";
import { tokenHash } from "@/lib/token-hash";

type AnonymousCtx = Pick<Ctx, "requestId" | "engine">;

// Counted per address asked for and per client (an IPv6 client's /64), before anything is looked up, in fixed windows like
// sign-in's. Per address, so one account's owner is not mailed a stream of links and an account's existence cannot be timed
// (a handful of samples a window); per client, so one client cannot walk a list of addresses.
export const PASSWORD_RESET_LIMITS = { windowMs: 15 * 60_000, perEmail: 3, perAddress: 10 } as const;

const EXPIRES_IN_MINUTES = TOKEN_TTL_MS.password_reset / 60_000;
const INVALID = invalidToken("password reset", "Ask for a new one from the sign-in page (Forgot password?).");

async function admitPasswordReset(db: Db, { email, clientAddress }: { email: string; clientAddress: string | null }): Promise<void> {
  const steps: [string, number][] = [
    [`password-reset:address:${clientAddress ? addressGroup(clientAddress) : "unknown"}`, PASSWORD_RESET_LIMITS.perAddress],
    [`password-reset:email:${email}`, PASSWORD_RESET_LIMITS.perEmail],
  ];
  // One after the other, as sign-up's: a request refused for its client is not counted against the address it named.
  await admitInTurn(db, steps, PASSWORD_RESET_LIMITS.windowMs, "Too many password reset requests");
}

/**
 * Mails a reset link when an account uses the address; the answer is the same when none does, and so is the work up to the
 * few inserts that queue the mail (no hashing either way). A single sign-on account gets a link too: following it proves
 * the mailbox, as signing up with a password would, and gives the account a password.
 */
export async function requestPasswordReset({
  ctx,
  input,
  clientAddress,
}: {
  ctx: AnonymousCtx;
  input: PasswordResetRequest;
  clientAddress: string | null;
}): Promise<PasswordResetRequested> {
  const { db } = ctx.engine;
  await admitPasswordReset(db, { email: input.email, clientAddress });
  const user = await db.user.findUnique({ where: { email: input.email }, select: { id: true, email: true } });
  if (user) {
    await db.$transaction(async (tx) => {
      const { id, token } = await issueToken(tx, { userId: user.id, email: user.email, purpose: "password_reset" });
      await queueMail(
        tx,
        {
          key: `password-reset:${id}`,
          to: user.email,
          userId: user.id,
          template: "password-reset",
          data: { url: `${appUrl()}/reset-password/${token}`, expiresInMinutes: EXPIRES_IN_MINUTES },
        },
        { ctx },
      );
      await tx.auditLog.create({
        data: { actorType: "system", actorId: null, action: "user.password_reset_requested", targetType: "user", targetId: user.id, requestId: ctx.requestId },
      });
    });
  }
  return passwordResetRequestedSchema.parse({ email: input.email, next: "check_inbox", expiresInMinutes: EXPIRES_IN_MINUTES });
}

/**
 * Sets the password of the token's account, uses the token up and ends every session of the account: whoever held one is
 * signed out, the person resetting included (they sign in next). The link was mailed to the address, so following it
 * verifies the address too.
 */
export async function resetPassword({ ctx, token, input }: { ctx: AnonymousCtx; token: string; input: PasswordReset }): Promise<PasswordResetDone> {
  const { db } = ctx.engine;
  // Checked before hashing, so unknown tokens cost no scrypt; used up in the transaction, where the check is guarded.
  const found = await db.emailToken.findUnique({ where: { tokenHash: tokenHash(token) }, select: { purpose: true, usedAt: true, expiresAt: true } });
  if (!found || found.purpose !== "password_reset" || tokenState(found, new Date()) !== "usable") throw INVALID;
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const { userId, email } = await useToken(tx, { token, purpose: "password_reset", invalid: INVALID });
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { emailVerifiedAt: true } });
    await tx.user.update({ where: { id: userId }, data: { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? new Date() } });
    const endedSessions = await endSessionsOf(tx, userId);
    await tx.auditLog.create({
      data: {
        actorType: "user",
        actorId: userId,
        action: "user.password_reset",
        targetType: "user",
        targetId: userId,
        metadata: { endedSessions, emailVerified: !user.emailVerifiedAt },
        requestId: ctx.requestId,
      },
    });
    return passwordResetDoneSchema.parse({ email, endedSessions, next: "sign_in" });
  });
}
