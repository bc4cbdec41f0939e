import "server-only";
import type { Ctx, VerbArgs } from "@/lib/context";
import { adminMfa } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { sessionOf } from "../account";
import { listPasskeys } from "./passkeys";
import type { MfaStatus, RequireMfaInput } from "./schemas";
import { hasSecondFactor } from "./second-factor";

export async function readMfaStatus({ ctx }: { ctx: Ctx }): Promise<MfaStatus> {
  const { userId } = sessionOf(ctx);
  const { db } = ctx.engine;
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      role: true,
      totp: { select: { confirmedAt: true } },
      _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
      memberships: { where: { organization: { requireMfa: true } }, select: { organization: { select: { name: true } } } },
    },
  });
  const passkeys = await listPasskeys(db, userId);
  const totp = !user.totp ? "off" : user.totp.confirmedAt ? "on" : "pending";
  const vendor = user.role === "admin" && adminMfa() === "required" ? ["vendor"] : [];
  return {
    totp,
    recoveryCodesLeft: totp === "on" ? user._count.recoveryCodes : 0,
    passkeys,
    hasSecondFactor: totp === "on" || passkeys.length > 0,
    requiredBy: [...vendor, ...user.memberships.map((m) => m.organization.name)],
  };
}

// An owner who requires a second factor of the members must hold one: requiring it would otherwise shut them out first.
export async function setOrganizationMfa({ ctx, input }: VerbArgs<RequireMfaInput>): Promise<{ organizationId: string; requireMfa: boolean }> {
  const { userId } = sessionOf(ctx);
  const organizationId = ctx.organizationId;
  if (!organizationId || ctx.role !== "owner") throw new AppError("forbidden", "This needs an owner of the organization.");
  const { db } = ctx.engine;
  if (input.requireMfa && !(await hasSecondFactor(db, userId))) {
    throw new AppError("conflict", "Set up an authenticator app or a passkey for yourself first (Settings, Security), then require it of your members.");
  }
  return db.$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { requireMfa: true } });
    const after = await tx.organization.update({ where: { id: organizationId }, data: { requireMfa: input.requireMfa }, select: { requireMfa: true } });
    await tx.auditLog.create({
      data: {
        organizationId,
        actorType: "user",
        actorId: userId,
        action: "organization.require_mfa",
        targetType: "organization",
        targetId: organizationId,
        metadata: { before: before.requireMfa, after: after.requireMfa },
        requestId: ctx.requestId,
      },
    });
    return { organizationId, requireMfa: after.requireMfa };
  });
}
