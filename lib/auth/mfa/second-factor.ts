import "server-only";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { openSecret } from "@/lib/secret-box";
import { hitAll, tooMany, unhit } from "../rate-limit";
import { acceptedStep, hashRecoveryCode, isTotpCode } from "./codes";

// Every check of a person's code (sign-in's second step, removing TOTP, new recovery codes) goes through here: one limit per
// person, counted before the check, so guesses spread over many sign-in challenges or requests are bounded together.
export const CODE_CHECKS = { windowMs: 15 * 60_000, max: 10 } as const;
export const TOTP_PURPOSE = "mfa-totp";

export type SecondFactorUsed = "totp" | "recovery_code";

/** A confirmed TOTP or a passkey: sign-in asks for one of them after the password. */
export async function hasSecondFactor(db: Db | Prisma.TransactionClient, userId: string): Promise<boolean> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { totp: { select: { confirmedAt: true } }, _count: { select: { passkeys: true } } },
  });
  return Boolean(user && (user.totp?.confirmedAt || user._count.passkeys > 0));
}

/** Counts one code check for the person; throws 429 past the limit (the code is then not checked at all). */
export async function countCodeCheck(db: Db, userId: string): Promise<() => Promise<void>> {
  const key = `mfa-code:user:${userId}`;
  const [window] = await hitAll(db, [key], CODE_CHECKS.windowMs);
  if (window && window.count > CODE_CHECKS.max) throw tooMany("Too many wrong codes", window.resetAt);
  return () => unhit(db, key);
}

/**
 * Uses `code` as the person's second factor: a TOTP code of a step later than the last one used (the step is recorded, so the
 * code is spent), or an unused recovery code (marked used). Both are guarded updates, so two requests with one code cannot
 * both pass. Null when the code is not good.
 */
export async function spendCode(tx: Prisma.TransactionClient, userId: string, code: string): Promise<SecondFactorUsed | null> {
  if (isTotpCode(code)) {
    const totp = await tx.mfaTotp.findUnique({ where: { userId } });
    if (!totp?.confirmedAt) return null;
    const step = acceptedStep(openSecret(totp.secretEncrypted, { purpose: TOTP_PURPOSE }), code.replace(/\s/g, ""), { lastUsedStep: totp.lastUsedStep });
    if (step === null) return null;
    const spent = await tx.mfaTotp.updateMany({
      where: { userId, confirmedAt: { not: null }, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
      data: { lastUsedStep: step },
    });
    return spent.count === 1 ? "totp" : null;
  }
  const used = await tx.mfaRecoveryCode.updateMany({ where: { userId, codeHash: hashRecoveryCode(code), usedAt: null }, data: { usedAt: new Date() } });
  return used.count === 1 ? "recovery_code" : null;
}

/** For the person's own requests that need a code (remove TOTP, new recovery codes): 422 on `code` when it is not good. */
export async function requireCode(tx: Prisma.TransactionClient, userId: string, code: string): Promise<SecondFactorUsed> {
  const used = await spendCode(tx, userId, code);
  if (!used) {
    throw new AppError("validation_failed", "That code is not right (or was already used); nothing changed.", {
      invalidParams: [{ name: "code", reason: "Not a current code from your authenticator app, nor an unused recovery code" }],
    });
  }
  return used;
}
