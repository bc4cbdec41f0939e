import "server-only";
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordSignIn, type SignedInUser } from "../sign-in";
import { passkeyAuthenticationOptions, spendPasskeyAssertion } from "./passkeys";
import type { MfaSignInInput } from "./schemas";
import { countCodeCheck, spendCode } from "./second-factor";
import { tokenHash } from "@/lib/token-hash";

// The second sign-in step. After the first factor (a password, or single sign-on) a person with MFA gets a challenge, not a
// session: a random token the browser holds (only its SHA-256 is stored), good for 5 minutes, for at most 5 tries, and used
// once. Completing it with a code or a passkey is what makes the session (options.ts's "mfa" provider), so no session row or
// cookie exists before the second factor is checked. Tries also count toward the person's code limit (second-factor.ts),
// which bounds guesses spread over many challenges.

export const CHALLENGE_TTL_MS = 5 * 60_000;
export const CHALLENGE_MAX_ATTEMPTS = 5;

export async function startMfaChallenge(db: Db, userId: string, via: "password" | "sso"): Promise<string> {
  await db.mfaChallenge.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  const token = randomBytes(32).toString("base64url");
  await db.mfaChallenge.create({ data: { tokenHash: tokenHash(token), userId, via, expiresAt: new Date(Date.now() + CHALLENGE_TTL_MS) } });
  return token;
}

const expired = () => new AppError("unauthenticated", "This sign-in step has expired or was used; sign in again.");

function liveChallenge(token: string) {
  return { tokenHash: tokenHash(token), usedAt: null, expiresAt: { gt: new Date() }, attempts: { lt: CHALLENGE_MAX_ATTEMPTS } };
}

/** WebAuthn options for the challenge's person, bound to it: only an assertion over this challenge completes it. */
export async function passkeyOptionsForChallenge(db: Db, token: string): Promise<Record<string, unknown>> {
  const challenge = await db.mfaChallenge.findFirst({ where: liveChallenge(token), select: { id: true, userId: true } });
  if (!challenge) throw expired();
  const options = await passkeyAuthenticationOptions(db, challenge.userId);
  await db.mfaChallenge.update({ where: { id: challenge.id }, data: { webauthnChallenge: options.challenge } });
  return options;
}

/** The person, when the code or passkey answer is good; the challenge is then spent and the sign-in recorded. */
export async function completeMfaChallenge(db: Db, input: MfaSignInInput): Promise<SignedInUser> {
  // A try is counted before anything is checked, in one guarded statement: concurrent tries cannot exceed the bound.
  const [challenge] = await db.mfaChallenge.updateManyAndReturn({ where: liveChallenge(input.challenge), data: { attempts: { increment: 1 } } });
  if (!challenge) throw expired();
  const codeChecked = await countCodeCheck(db, challenge.userId);
  const used = await db.$transaction(async (tx) => {
    let factor: string | null = null;
    if (input.passkey !== undefined) {
      const answer = parseJson(input.passkey);
      if (challenge.webauthnChallenge && (await spendPasskeyAssertion(tx, challenge.userId, challenge.webauthnChallenge, answer))) factor = "passkey";
    } else if (input.code !== undefined) {
      factor = await spendCode(tx, challenge.userId, input.code);
    }
    if (!factor) return null;
    const spent = await tx.mfaChallenge.updateMany({ where: { id: challenge.id, usedAt: null }, data: { usedAt: new Date() } });
    return spent.count === 1 ? factor : null;
  });
  if (!used) {
    const left = CHALLENGE_MAX_ATTEMPTS - challenge.attempts;
    if (left <= 0) throw expired();
    throw new AppError("invalid_credentials", input.passkey !== undefined ? "The passkey was not accepted." : "That code is not right, or was already used.");
  }
  await codeChecked();
  await recordSignIn(db, challenge.userId, { via: challenge.via, secondFactor: used });
  const user = await db.user.findUniqueOrThrow({ where: { id: challenge.userId }, select: { id: true, email: true, name: true, role: true } });
  return user;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
