import "server-only";
import type { Actor } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

// Registering a link makes us create network access into a customer's account, so it waits until the person behind the
// request has proved their address (lib/auth/email-verification.ts). An API key acts for its maker, so an unverified maker's
// key may not register either; a key whose maker is unknown predates makers, and so verification, and the system is us. People
// older than verification mail are exempt.
const PROOF = { emailVerifiedAt: true, isVerificationExempt: true } as const;

export async function requireVerifiedAddress(db: Db, actor: Actor): Promise<void> {
  if (actor.type === "system") return;
  const person =
    actor.type === "user"
      ? await db.user.findUnique({ where: { id: actor.id }, select: PROOF })
      : (await db.apiKey.findUnique({ where: { id: actor.id }, select: { createdBy: { select: PROOF } } }))?.createdBy;
  if (!person || person.emailVerifiedAt || person.isVerificationExempt) return;
  throw new AppError(
    "email_unverified",
    actor.type === "user"
      ? "Verify your email address before registering links: follow the link we emailed you, or send it again from the banner at the top of the portal."
      : "This API key's maker has not verified their email address yet: they follow the link we emailed them, or send it again from the portal, before their keys register links.",
  );
}
