import "server-only";
import type { Ctx } from "@/lib/context";
import type { Prisma } from "@/lib/db/generated/client";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { queueMail } from "@/lib/mail/outbox";
import { sessionOf } from "./account";
import { invalidToken, issueToken, useToken } from "./email-tokens";
import { hitAll, tooMany } from "./rate-limit";
import { emailVerifiedSchema, verificationSentSchema, type EmailVerified, type VerificationSent } from "./reset-schemas";

// A new account proves its address by following a link mailed to it (lib/links/register-link.ts waits for that). The page
// the link opens asks for a click that POSTs: mail scanners fetch every link in a message, and a GET must change nothing.

export const RESENDS = { windowMs: 60 * 60_000, max: 5 } as const;

const INVALID = invalidToken("verification", "Sign in and send a new one from the banner at the top of the portal.");

/** In the transaction that made the account (sign-up, invitation acceptance) or by a resend: the latest link is the one that works. */
export async function queueVerificationMail(
  tx: Prisma.TransactionClient,
  ctx: Pick<Ctx, "requestId">,
  user: { id: string; email: string },
): Promise<{ expiresAt: Date }> {
  const { id, token, expiresAt } = await issueToken(tx, { userId: user.id, email: user.email, purpose: "verify_email" });
  await queueMail(
    tx,
    { key: `verify-email:${id}`, to: user.email, userId: user.id, template: "verify-email", data: { url: `${appUrl()}/verify-email/${token}` } },
    { ctx },
  );
  return { expiresAt };
}

/** The signed-in person's own address, again: at most RESENDS.max in an hour. */
export async function resendVerification({ ctx }: { ctx: Ctx }): Promise<VerificationSent> {
  const { userId } = sessionOf(ctx);
  const { db } = ctx.engine;
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, emailVerifiedAt: true } });
  if (user.emailVerifiedAt) throw new AppError("conflict", "Your email address is already verified.");
  const [window] = await hitAll(db, [`verify-email:user:${userId}`], RESENDS.windowMs);
  if (window && window.count > RESENDS.max) throw tooMany("We sent you several links within the hour: check your inbox", window.resetAt);
  const { expiresAt } = await db.$transaction((tx) => queueVerificationMail(tx, ctx, user));
  return verificationSentSchema.parse({ email: user.email, expiresAt: expiresAt.toISOString() });
}

/** Anyone holding the link may use it, signed in or not (another browser, a phone): it proves the mailbox, not the session. */
export async function confirmEmail({ ctx, token }: { ctx: Pick<Ctx, "requestId" | "engine">; token: string }): Promise<EmailVerified> {
  return ctx.engine.db.$transaction(async (tx) => {
    const { userId, email } = await useToken(tx, { token, purpose: "verify_email", invalid: INVALID });
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { emailVerifiedAt: true } });
    const verifiedAt = before.emailVerifiedAt ?? new Date();
    if (!before.emailVerifiedAt) {
      await tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: verifiedAt } });
      await tx.auditLog.create({
        data: { actorType: "user", actorId: userId, action: "user.email_verified", targetType: "user", targetId: userId, requestId: ctx.requestId },
      });
    }
    return emailVerifiedSchema.parse({ email, verifiedAt: verifiedAt.toISOString() });
  });
}
