import "server-only";
import QRCode from "qrcode";
import type { Ctx, VerbArgs } from "@/lib/context";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { openSecret, sealSecret } from "@/lib/secret-box";
import { sessionOf } from "../account";
import { acceptedStep, hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpOf } from "./codes";
import { recordMfaChange } from "./changes";
import type { MfaCodeInput, RecoveryCodes, TotpConfirmInput, TotpEnrolment } from "./schemas";
import { countCodeCheck, requireCode, TOTP_PURPOSE } from "./second-factor";

// The signed-in person's TOTP: started (a pending secret), confirmed by a first code (which returns the recovery codes, once),
// removed with a current code or a recovery code. Only their session acts here (account.ts's sessionOf), never an API key.

export async function startTotp({ ctx }: { ctx: Ctx }): Promise<TotpEnrolment> {
  const { userId } = sessionOf(ctx);
  const { db } = ctx.engine;
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, totp: { select: { confirmedAt: true } } } });
  if (user.totp?.confirmedAt) throw new AppError("conflict", "Your authenticator app is already set up. Remove it first to set up another.");
  const secret = newTotpSecret();
  const secretEncrypted = sealSecret(secret, { purpose: TOTP_PURPOSE });
  // A new start replaces a pending secret (only the newest QR code can be confirmed), never a confirmed one: the update is
  // guarded, and a confirmed row makes the create a unique violation.
  const replaced = await db.mfaTotp.updateMany({ where: { userId, confirmedAt: null }, data: { secretEncrypted, lastUsedStep: null, createdAt: new Date() } });
  if (replaced.count === 0) {
    await db.mfaTotp.create({ data: { userId, secretEncrypted } }).catch((error: unknown) => {
      throw isUniqueViolation(error) ? new AppError("conflict", "Your authenticator app was set up meanwhile; nothing changed.") : error;
    });
  }
  const otpauthUrl = totpOf(secret, user.email).toString();
  const svg = await QRCode.toString(otpauthUrl, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { secret, otpauthUrl, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

export async function confirmTotp({ ctx, input }: VerbArgs<TotpConfirmInput>): Promise<RecoveryCodes> {
  const { userId } = sessionOf(ctx);
  const { db } = ctx.engine;
  const pending = await db.mfaTotp.findUnique({ where: { userId } });
  if (!pending) throw new AppError("conflict", "Start setting up an authenticator app first (POST /api/v1/me/mfa/totp).");
  if (pending.confirmedAt) throw new AppError("conflict", "Your authenticator app is already set up.");
  const codeChecked = await countCodeCheck(db, userId);
  const step = acceptedStep(openSecret(pending.secretEncrypted, { purpose: TOTP_PURPOSE }), input.code);
  if (step === null) {
    throw new AppError("validation_failed", "That code does not match; check the time on your device and try the newest code.", {
      invalidParams: [{ name: "code", reason: "Not the code your authenticator app shows now" }],
    });
  }
  await codeChecked();
  const recoveryCodes = newRecoveryCodes();
  await db.$transaction(async (tx) => {
    // Guarded by the pending secret just checked: a restart meanwhile (a new QR code) leaves this confirmation without effect.
    const confirmed = await tx.mfaTotp.updateMany({
      where: { userId, confirmedAt: null, secretEncrypted: pending.secretEncrypted },
      data: { confirmedAt: new Date(), lastUsedStep: step },
    });
    if (confirmed.count === 0) throw new AppError("conflict", "Setting up changed meanwhile (started again elsewhere?); nothing changed.");
    await replaceRecoveryCodes(tx, userId, recoveryCodes);
    await recordMfaChange(tx, ctx, await emailOf(tx, userId), { method: "totp", change: "enrolled" });
  });
  return { recoveryCodes };
}

export async function removeTotp({ ctx, input }: VerbArgs<MfaCodeInput>): Promise<void> {
  const { userId } = sessionOf(ctx);
  const { db } = ctx.engine;
  const totp = await db.mfaTotp.findUnique({ where: { userId }, select: { confirmedAt: true } });
  if (!totp) throw new AppError("not_found", "You have no authenticator app set up.");
  const codeChecked = await countCodeCheck(db, userId);
  await db.$transaction(async (tx) => {
    const used = totp.confirmedAt ? await requireCode(tx, userId, input.code) : null;
    await tx.mfaTotp.delete({ where: { userId } });
    if (!totp.confirmedAt) return;
    // Recovery codes stand in for the app; with it gone they would be a second factor of their own, so they go too.
    await tx.mfaRecoveryCode.deleteMany({ where: { userId } });
    await recordMfaChange(tx, ctx, await emailOf(tx, userId), { method: "totp", change: "removed" }, { with: used });
  });
  await codeChecked();
}

export async function regenerateRecoveryCodes({ ctx, input }: VerbArgs<MfaCodeInput>): Promise<RecoveryCodes> {
  const { userId } = sessionOf(ctx);
  const { db } = ctx.engine;
  const totp = await db.mfaTotp.findUnique({ where: { userId }, select: { confirmedAt: true } });
  if (!totp?.confirmedAt) throw new AppError("conflict", "Recovery codes come with an authenticator app; set one up first.");
  const codeChecked = await countCodeCheck(db, userId);
  const recoveryCodes = newRecoveryCodes();
  await db.$transaction(async (tx) => {
    const used = await requireCode(tx, userId, input.code);
    await replaceRecoveryCodes(tx, userId, recoveryCodes);
    await recordMfaChange(tx, ctx, await emailOf(tx, userId), { method: "recovery-codes", change: "regenerated" }, { with: used });
  });
  await codeChecked();
  return { recoveryCodes };
}

async function replaceRecoveryCodes(tx: Prisma.TransactionClient, userId: string, codes: string[]): Promise<void> {
  await tx.mfaRecoveryCode.deleteMany({ where: { userId } });
  await tx.mfaRecoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })) });
}

async function emailOf(tx: Prisma.TransactionClient, userId: string): Promise<{ id: string; email: string }> {
  return tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true } });
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
