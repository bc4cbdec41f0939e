import "server-only";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type { Ctx, VerbArgs } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { sessionOf } from "../account";
import { recordMfaChange } from "./changes";
import type { PasskeyRegistrationInput, PasskeyView } from "./schemas";

// WebAuthn passkeys as a second factor: registered from Settings (options, then the browser's answer verified against the
// challenge kept for that person), used at sign-in against the challenge kept on the sign-in step (challenge.ts). The relying
// party is APP_URL: its host is the rpID and its origin the only origin accepted.

const REGISTRATION_TTL_MS = 5 * 60_000;
export const PASSKEY_LIMIT = 20;

// Browsers refuse an IP address as a relying party, so a portal on a loopback address (`npm run dev`, the tests) offers passkeys
// at http://localhost on the same port instead.
export function relyingParty(): { rpID: string; origin: string } {
  const url = new URL(appUrl());
  if (!["127.0.0.1", "[::1]"].includes(url.hostname)) return { rpID: url.hostname, origin: url.origin };
  return { rpID: "localhost", origin: `${url.protocol}//localhost${url.port ? `:${url.port}` : ""}` };
}

export async function passkeyRegistrationOptions({ ctx }: { ctx: Ctx }): Promise<Record<string, unknown>> {
  const { userId } = sessionOf(ctx);
  const { db } = ctx.engine;
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true, passkeys: true } });
  if (user.passkeys.length >= PASSKEY_LIMIT)
    throw new AppError("conflict", `You have ${PASSKEY_LIMIT} passkeys, the most an account may hold; remove one first.`);
  const options = await generateRegistrationOptions({
    rpName: "PrivateLink Portal",
    rpID: relyingParty().rpID,
    userName: user.email,
    userDisplayName: user.name ?? user.email,
    userID: new TextEncoder().encode(userId),
    attestationType: "none",
    excludeCredentials: user.passkeys.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  const row = { challenge: options.challenge, expiresAt: new Date(Date.now() + REGISTRATION_TTL_MS) };
  await db.passkeyRegistration.upsert({ where: { userId }, create: { userId, ...row }, update: row });
  return { ...options };
}

export async function registerPasskey({ ctx, input }: VerbArgs<PasskeyRegistrationInput>): Promise<PasskeyView> {
  const { userId } = sessionOf(ctx);
  const { db } = ctx.engine;
  // The challenge is taken whatever the outcome: one answer per set of options.
  const pending = await db.passkeyRegistration.findUnique({ where: { userId } });
  const taken = pending ? await db.passkeyRegistration.deleteMany({ where: { userId, challenge: pending.challenge } }) : null;
  if (!pending || taken?.count !== 1 || pending.expiresAt <= new Date())
    throw new AppError("conflict", "Adding a passkey took too long or was not started; start again.");
  const { rpID, origin } = relyingParty();
  const refused = new AppError("validation_failed", "The passkey's answer could not be verified; nothing was added. Try again.", {
    invalidParams: [{ name: "response", reason: "Not a valid answer to this portal's passkey request" }],
  });
  const verified = await verifyRegistrationResponse({
    response: input.response as unknown as RegistrationResponseJSON,
    expectedChallenge: pending.challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: false,
  }).catch(() => null);
  if (!verified?.verified) throw refused;
  const { credential } = verified.registrationInfo;
  return db.$transaction(async (tx) => {
    if ((await tx.passkey.count({ where: { credentialId: credential.id } })) > 0) throw new AppError("conflict", "This passkey is already registered.");
    const row = await tx.passkey.create({
      data: {
        userId,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey),
        counter: credential.counter,
        transports: credential.transports ?? [],
        name: input.name ?? "Passkey",
      },
    });
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true } });
    await recordMfaChange(tx, ctx, user, { method: "passkey", change: "enrolled" }, { passkeyId: row.id });
    return toPasskeyView(row);
  });
}

export async function listPasskeys(db: Db | Prisma.TransactionClient, userId: string): Promise<PasskeyView[]> {
  const rows = await db.passkey.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
  return rows.map(toPasskeyView);
}

export async function deletePasskey({ ctx, input }: VerbArgs<{ passkeyId: string }>): Promise<void> {
  const { userId } = sessionOf(ctx);
  await ctx.engine.db.$transaction(async (tx) => {
    const deleted = await tx.passkey.deleteMany({ where: { id: input.passkeyId, userId } });
    if (deleted.count === 0) throw new AppError("not_found", "No such passkey of yours.");
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true } });
    await recordMfaChange(tx, ctx, user, { method: "passkey", change: "removed" }, { passkeyId: input.passkeyId });
  });
}

/** For the sign-in step: options naming the person's passkeys, with a fresh challenge the caller keeps. */
export async function passkeyAuthenticationOptions(db: Db, userId: string): Promise<Record<string, unknown> & { challenge: string }> {
  const passkeys = await db.passkey.findMany({ where: { userId }, select: { credentialId: true, transports: true } });
  if (passkeys.length === 0) throw new AppError("conflict", "You have no passkey; use a code from your authenticator app or a recovery code.");
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    allowCredentials: passkeys.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
    userVerification: "preferred",
  });
  return { ...options };
}

/** Whether `response` is an assertion of one of the person's passkeys over `challenge`; moves its counter on. */
export async function spendPasskeyAssertion(tx: Prisma.TransactionClient, userId: string, challenge: string, response: unknown): Promise<boolean> {
  const assertion = response as AuthenticationResponseJSON;
  if (typeof assertion?.id !== "string") return false;
  const passkey = await tx.passkey.findFirst({ where: { userId, credentialId: assertion.id } });
  if (!passkey) return false;
  const { rpID, origin } = relyingParty();
  try {
    const verified = await verifyAuthenticationResponse({
      response: assertion,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: { id: passkey.credentialId, publicKey: new Uint8Array(passkey.publicKey), counter: passkey.counter, transports: passkey.transports },
      requireUserVerification: false,
    });
    if (!verified.verified) return false;
    // A counter that does not grow (when the authenticator keeps one) is a cloned authenticator: refused, by the guard.
    const moved = await tx.passkey.updateMany({
      where: { id: passkey.id, counter: passkey.counter },
      data: { counter: verified.authenticationInfo.newCounter, lastUsedAt: new Date() },
    });
    return moved.count === 1;
  } catch {
    return false;
  }
}

function toPasskeyView(row: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }): PasskeyView {
  return { id: row.id, name: row.name, createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null };
}
