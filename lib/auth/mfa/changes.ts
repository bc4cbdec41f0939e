import "server-only";
import type { Ctx } from "@/lib/context";
import type { Prisma } from "@/lib/db/generated/client";
import { queueMail, type MailData } from "@/lib/mail/outbox";

type Change = MailData["mfa-changed"];

const ACTIONS: Record<Change["method"], Partial<Record<Change["change"], string>>> = {
  totp: { enrolled: "user.mfa_totp_enrolled", removed: "user.mfa_totp_removed" },
  passkey: { enrolled: "user.mfa_passkey_added", removed: "user.mfa_passkey_removed" },
  "recovery-codes": { regenerated: "user.mfa_recovery_codes_regenerated" },
};

/**
 * Every change to a person's second factors is audited and mailed to them, in the transaction that makes it: someone who took
 * over a session and changed them cannot do it unseen. The mail's key is the audit row's id, one message per change.
 */
export async function recordMfaChange(
  tx: Prisma.TransactionClient,
  ctx: Pick<Ctx, "requestId">,
  user: { id: string; email: string },
  change: Change,
  metadata: Prisma.InputJsonValue = {},
): Promise<void> {
  const action = ACTIONS[change.method][change.change] ?? `user.mfa_${change.method}_${change.change}`;
  const audit = await tx.auditLog.create({
    data: { actorType: "user", actorId: user.id, action, targetType: "user", targetId: user.id, metadata, requestId: ctx.requestId },
    select: { id: true },
  });
  await queueMail(tx, { key: `mfa-changed:${audit.id}`, to: user.email, userId: user.id, template: "mfa-changed", data: change }, { ctx });
}
